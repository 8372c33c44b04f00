// A fast path for the heaviest request: `sync.push` of a full batch (500 items, ~640 KB of JSON), as
// a sign-up or an import sends twenty of. Profiling 20 such pushes (10,000 items) showed ~30 % of the
// server's time in tRPC's fetch-style adapter: the body passed chunk by chunk through a web
// ReadableStream into a Request, decoded again by Request.text(), and the answer built as a Response.
//
// Like fast-pull.ts, this answers exactly one shape of request — a single, non-batched POST
// /trpc/sync.push with a JSON body of declared length, a valid session and a valid input — by
// running the same steps as the procedure (authedProcedure's session check, pushInputSchema,
// pushItems) and writing the envelope tRPC writes ({"result":{"data":…}}). Anything else is left
// to tRPC, errors included. The body, once read here, cannot be read again, so it is handed to
// tRPC as `req.body` (its node adapter takes a string body from there) and parsed there anew:
// every refusal still comes from the one source. test/http/fast-push.test.ts pins both paths.
import { isAscii } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pushInputSchema } from '@keyhold/shared/sync/protocol';
import type { App } from '../app';
import { bearerToken } from '../sessions/bearer-token';

export const FAST_PUSH_PATH = 'sync.push';

/** tRPC's node adapter reads a body already read by someone else from here. */
type WithBody = IncomingMessage & { body?: string };

/**
 * True when it answered (or the client went away while sending); false means "let tRPC handle it".
 * The caller has refused a Content-Length above the body limit already; a body without one (chunked)
 * is left to tRPC, which counts it against the limit as it streams.
 */
export async function tryFastPush(
  app: App,
  request: { req: IncomingMessage; res: ServerResponse; procedure: string; query: URLSearchParams | undefined },
): Promise<boolean> {
  const { req, res, procedure, query } = request;
  if (procedure !== FAST_PUSH_PATH || req.method !== 'POST' || query !== undefined) return false;
  if (req.headers['trpc-accept'] !== undefined || req.headers.accept?.includes('application/jsonl')) return false;
  if (req.headers['content-length'] === undefined || !isJson(req.headers['content-type'])) return false;
  const bearer = bearerToken(req.headers.authorization);
  if (bearer.kind !== 'token') return false;

  const text = await readBody(req);
  if (text === null) return true;
  const handOver = () => {
    (req as WithBody).body = text;
    return false;
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return handOver();
  }
  const input = pushInputSchema.safeParse(json);
  if (!input.success) return handOver();
  const session = await app.sessions.validate(bearer.token);
  if (!session) return handOver();

  const output = await app.sync.push({ accountId: session.accountId }, input.data);
  const body = JSON.stringify({ result: { data: output } });
  // With its length, as tRPC's answers go out here (create-http-server.ts), not chunked.
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), vary: 'trpc-accept, accept' });
  res.end(body);
  return true;
}

/** tRPC's test: the media type before any parameters, case-insensitive. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().split(';', 1)[0]?.trim() === 'application/json';
}

/**
 * The whole body as text (UTF-8), or null when the request ended before it was complete. A push is
 * ASCII (UUIDs, numbers, base64url): ASCII bytes read as Latin-1 are the same text, copied straight
 * into a one-byte string instead of going through the UTF-8 decoder (about half the cost).
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      const body = Buffer.concat(chunks);
      resolve(body.toString(isAscii(body) ? 'latin1' : 'utf8'));
    });
    req.once('error', () => resolve(null));
    req.once('close', () => {
      if (!req.readableEnded) resolve(null);
    });
  });
}
