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

type PostTask = (callback: () => void, options: { priority: 'background' }) => Promise<void>;

/**
 * A task boundary that lets every other waiting task go first: a background-priority task where the
 * browser has the Prioritized Task Scheduling API (IndexedDB events, network responses and messages
 * then run before it), else nextTask(). For long work done in slices, such as opening a first sync's
 * pages, so that what the user or the rest of the sync waits for is not held behind it.
 */
export function backgroundTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (typeof scheduler?.postTask !== 'function') return nextTask();
  return scheduler.postTask(() => undefined, { priority: 'background' });
}
