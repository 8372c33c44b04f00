// A fast path for the hottest request: a device polling `sync.pull` for changes. Profiling the
// benchmark (bench/suites/server.ts) showed ~70% of that request's CPU inside tRPC's fetch-style
// adapter (Request/Response objects, web streams, abort signals), far more than the work itself.
//
// This answers exactly one shape of request — a single, non-batched, non-streamed
// GET /trpc/sync.pull with a valid session and a valid input — by running the same steps as the
// procedure (the session check of authedProcedure, pullInputSchema, pullItems) and writing the same
// envelope tRPC writes ({"result":{"data":…}}). Anything else, including every error, is left to
// tRPC, so error answers have a single source. test/http/fast-pull.test.ts pins both paths together.
// A large page is streamed (writePage), not built as one string.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pullInputSchema, type PullOutput } from '@keyhold/shared/sync/protocol';
import type { App } from '../app';
import { bearerToken } from '../sessions/bearer-token';

export const FAST_PULL_PATH = 'sync.pull';

/**
 * True when it answered; false means "not this shape, let tRPC handle it" (nothing was written).
 * The shape is judged synchronously; only a valid session's pull waits for the database.
 */
export async function tryFastPull(
  app: App,
  request: { req: IncomingMessage; res: ServerResponse; procedure: string; query: URLSearchParams | undefined },
): Promise<boolean> {
  const { req, res, procedure, query } = request;
  if (procedure !== FAST_PULL_PATH || req.method !== 'GET' || query === undefined || query.has('batch')) return false;
  // Streaming clients (httpBatchStreamLink) ask for JSON lines; leave content negotiation to tRPC.
  if (req.headers['trpc-accept'] !== undefined || req.headers.accept?.includes('application/jsonl')) return false;

  const bearer = bearerToken(req.headers.authorization);
  if (bearer.kind !== 'token') return false;
  const rawInput = query.get('input');
  if (rawInput === null) return false;
  let json: unknown;
  try {
    json = JSON.parse(rawInput);
  } catch {
    return false;
  }
  const input = pullInputSchema.safeParse(json);
  if (!input.success) return false;
  const session = await app.sessions.validate(bearer.token);
  if (!session) return false;

  const page = await app.sync.pull({ accountId: session.accountId }, input.data);
  res.writeHead(200, { 'content-type': 'application/json', vary: 'trpc-accept, accept' });
  await writePage(res, page);
  return true;
}

/** Below this many characters a page goes out in one write; above, it streams. */
const STREAM_CHUNK_CHARS = 256 * 1024;

/**
 * Writes `{"result":{"data":page}}`. A large page (up to the pull page cap, sync/pull-items.ts) is
 * streamed item by item, waiting whenever the socket's buffer is full, so the answer is never held
 * as one string and one buffer at once, and a slow reader holds back only its own answer.
 */
async function writePage(res: ServerResponse, page: PullOutput): Promise<void> {
  if (!('items' in page) || page.items.length === 0) return void res.end(JSON.stringify({ result: { data: page } }));
  const { items, ...rest } = page;
  const head = JSON.stringify({ result: { data: rest } });
  // The envelope without its three closing braces, then the items array as the last member of data.
  let chunk = `${head.slice(0, -3)},"items":[`;
  for (const [index, item] of items.entries()) {
    chunk += (index === 0 ? '' : ',') + JSON.stringify(item);
    if (chunk.length >= STREAM_CHUNK_CHARS) {
      const flushed = res.write(chunk);
      chunk = '';
      if (!flushed && !(await drained(res))) return;
    }
  }
  res.end(`${chunk}]}}}`);
}

/** True once the socket can take more; false when the client went away. */
function drained(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
