// A task boundary: resolves in a new task, after whatever is already queued (IndexedDB events,
// network responses, crypto completions) has run. A message to itself, not setTimeout: nested
// timeouts are clamped to 4 ms.
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
