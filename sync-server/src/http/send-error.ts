// Error answers the HTTP layer gives before a request reaches tRPC (rate limit, body too large,
// unknown path, shutting down), shaped like tRPC's own errors so the tRPC client reports them
// with their message and status.
import type { ServerResponse } from 'node:http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

const STATUS: Partial<Record<TRPC_ERROR_CODE_KEY, number>> = {
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** `retryAfterSeconds`: a throttled answer's wait, sent as Retry-After and in the error's data, as trpc.ts does. */
export function sendError(
  res: ServerResponse,
  options: { code: TRPC_ERROR_CODE_KEY; message: string; batchSize?: number; headers?: Record<string, string>; retryAfterSeconds?: number },
): void {
  const httpStatus = STATUS[options.code] ?? 400;
  const wait = options.retryAfterSeconds;
  const data = { code: options.code, httpStatus, ...(wait === undefined ? {} : { retryAfterSeconds: wait }) };
  const error = { message: options.message, code: TRPC_ERROR_CODES_BY_KEY[options.code], data };
  const body = options.batchSize === undefined ? { error } : Array.from({ length: options.batchSize }, () => ({ error }));
  const headers = wait === undefined ? options.headers : { ...options.headers, 'retry-after': String(wait) };
  res.writeHead(httpStatus, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
