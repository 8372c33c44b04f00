// The JS heap of the extension's service worker, read over the DevTools protocol: a page's CDP
// session attaches to the worker target and asks it for Runtime.getHeapUsage (after a GC).
import type { BrowserContext, Page } from '@playwright/test';

export async function serviceWorkerHeapMb(context: BrowserContext, page: Page, extensionId: string): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!target) throw new Error('The extension service worker is not running');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    let nextId = 1;
    const call = (method: string, params: object = {}) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const id = nextId++;
        const onMessage = (event: { sessionId: string; message: string }) => {
          if (event.sessionId !== sessionId) return;
          const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
          if (reply.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          if (reply.error) reject(new Error(reply.error.message));
          else resolve(reply.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usage.usedSize / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}
