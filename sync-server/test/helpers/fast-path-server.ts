// A bare HTTP server in front of one fast path (src/http/fast-pull.ts, fast-push.ts): what the fast
// path leaves to tRPC is answered by `delegated`, so a test sees which side took each request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app';
import { registration } from './fixtures';
import { createTestApp, type TestApp } from './test-app';

type FastPath = (
  app: App,
  request: { req: IncomingMessage; res: ServerResponse; procedure: string; query: URLSearchParams | undefined },
) => Promise<boolean>;

/** Starts it on loopback; `base` ends in /trpc/. */
export async function fastPathServer(
  app: App,
  fast: FastPath,
  delegated: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ base: string; close(): void }> {
  const server = createServer((req, res) => {
    const [path = '', search] = (req.url ?? '').split('?');
    const query = search === undefined ? undefined : new URLSearchParams(search);
    void fast(app, { req, res, procedure: path.replace('/trpc/', ''), query }).then((answered) => {
      if (!answered) delegated(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc/`, close: () => server.close() };
}

/** A test app with one registered account (`token`) and the fast path's server in front of it. */
export async function fastPathWorld(
  fast: FastPath,
  delegated: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ t: TestApp; token: string; base: string; close(): Promise<void> }> {
  const t = await createTestApp();
  const token = (await t.caller().account.register(registration())).token;
  const server = await fastPathServer(t.app, fast, delegated);
  return {
    t,
    token,
    base: server.base,
    async close() {
      server.close();
      await t.close();
    },
  };
}
