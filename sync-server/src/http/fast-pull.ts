// A fast path for the hottest request: a device polling `sync.pull` for changes. Profiling the
// benchmark (bench/suites/server.ts) showed ~70% of that request's CPU inside tRPC's fetch-style
// adapter (Request/Response objects, web streams, abort signals), far more than the work itself.
//
// This answers exactly one shape of request — a single, non-batched, non-streamed
// GET /trpc/sync.pull with a valid session and a valid input — by running the same steps as the
// procedure (the session check of authedProcedure, pullInputSchema, pullItems) and writing the same
// envelope tRPC writes ({"result":{"data":…}}). Anything else, including every error, is left to
// tRPC, so error answers have a single source. test/http/fast-pull.test.ts pins both paths together.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pullInputSchema } from '@keyhold/shared/sync/protocol';
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

  const body = JSON.stringify({ result: { data: await app.sync.pull({ accountId: session.accountId }, input.data) } });
  res.writeHead(200, { 'content-type': 'application/json', vary: 'trpc-accept, accept' });
  res.end(body);
  return true;
}
