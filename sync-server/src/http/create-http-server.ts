// The HTTP front of the server (node:http): /healthz, per-client rate limiting, the 10 MiB body
// limit, security headers, one JSON log line per request, and tRPC's standalone handler under /trpc/.
// Logged per request: time, request id, method, procedure path, status, duration, client address
// and error code — never the query string (GET inputs live there), headers or bodies.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { MAX_REQUEST_BODY_BYTES } from '@keyhold/shared/sync/protocol-primitives';
import type { App } from '../app';
import { clientAddress, rateLimitKey } from '../limits/client-address';
import type { IpRateLimiter, RateDecision } from '../limits/ip-rate-limiter';
import { appRouter } from '../router';
import { responseMeta } from '../trpc';
import { misdirectedBody } from '../security/host-check';
import { createEventStream, EVENTS_PATH, type EventStreamLimits } from './event-stream';
import { tryFastPull } from './fast-pull';
import { FAST_PUSH_PATH, tryFastPush } from './fast-push';
import { sendError } from './send-error';
import { createBreachRelay, logPath, type BreachRelayConfig } from './breach-relay';

const TRPC_BASE = '/trpc/';
/** Oversized bodies up to this multiple of the limit are read and discarded rather than cut off. */
const DRAIN_LIMIT_FACTOR = 4;

const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};
const CLIENT_ERROR_MESSAGE: Record<number, string> = {
  400: 'Malformed HTTP request.',
  408: 'The request took too long to arrive.',
  431: 'The request headers or URL are too large; send large inputs in a POST body.',
};

type RequestState = { requestId: string; ip: string; errorCode: string | undefined };

export type HttpFront = {
  server: Server;
  /** From now on: answer 503 to new requests, close connections after each response. */
  beginDrain(): void;
};

export function createHttpServer(deps: {
  app: App;
  version: string;
  trustProxy: boolean;
  rateLimiter: IpRateLimiter;
  maxBodyBytes?: number;
  eventLimits?: Partial<EventStreamLimits>;
  /** How long a client may take to send its request headers (default 15 s; tests shorten it). */
  headersTimeoutMs?: number;
  /** The optional Pwned Passwords relay (breach-relay.ts); absent or disabled: no such path. */
  breachRelay?: BreachRelayConfig;
}): HttpFront {
  const { app, rateLimiter } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  const headersTimeoutMs = deps.headersTimeoutMs ?? 15_000;
  const states = new WeakMap<IncomingMessage, RequestState>();
  let draining = false;
  const breachRelay = deps.breachRelay ? createBreachRelay(deps.breachRelay) : null;

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_BASE,
    maxBodySize: maxBodyBytes,
    maxBatchSize: 16,
    responseMeta,
    createContext: ({ req }) => ({
      app,
      ip: states.get(req)?.ip ?? 'unknown',
      requestId: states.get(req)?.requestId ?? 'unknown',
      authorization: req.headers.authorization,
      origin: requestOrigin(req, deps.trustProxy),
    }),
    onError: ({ error, req, path }) => {
      const state = states.get(req);
      if (state) state.errorCode = error.code;
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        app.log.error('procedure_failed', {
          requestId: state?.requestId,
          procedure: path,
          error: (error.cause ?? error).message.slice(0, 200),
        });
      }
    },
  });

  const events = createEventStream({ app, ...(deps.eventLimits ? { limits: deps.eventLimits } : {}) });

  const server = createServer(
    {
      requestTimeout: 60_000,
      headersTimeout: headersTimeoutMs,
      keepAliveTimeout: 5_000,
      // Node enforces the timeouts above on this interval (default 30 s): check often enough that a
      // client trickling headers (slowloris, or a would-be event stream) is dropped near the timeout.
      connectionsCheckingInterval: Math.min(5_000, headersTimeoutMs),
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const started = performance.now();
      const state: RequestState = {
        requestId: randomUUID(),
        ip: clientAddress({
          socketAddress: req.socket.remoteAddress,
          forwardedFor: req.headers['x-forwarded-for'],
          trustProxy: deps.trustProxy,
        }),
        errorCode: undefined,
      };
      states.set(req, state);
      const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
      const query = (req.url ?? '').includes('?') ? new URLSearchParams((req.url ?? '').split('?')[1]) : undefined;
      const procedure = pathname.startsWith(TRPC_BASE) ? pathname.slice(TRPC_BASE.length) : undefined;
      const batchSize = query?.get('batch') === '1' && procedure ? procedure.split(',').length : undefined;

      res.setHeader('x-request-id', state.requestId);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      if (draining) res.setHeader('connection', 'close');
      res.once('close', () => {
        app.log.info('request', {
          requestId: state.requestId,
          method: req.method,
          procedure: procedure?.slice(0, 200) ?? logPath(pathname).slice(0, 200),
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          ip: state.ip,
          error: state.errorCode,
          aborted: res.writableFinished ? undefined : true,
        });
        // While draining, a keep-alive socket whose last response just ended must not linger.
        if (draining) setImmediate(() => server.closeIdleConnections());
      });

      if (pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        return void sendHealth(res, { app, version: deps.version, draining });
      }
      if (!app.isAllowedHost(req.headers.host)) {
        state.errorCode = 'MISDIRECTED';
        res.writeHead(421, { 'content-type': 'application/json' });
        return void res.end(misdirectedBody(req.headers.host));
      }
      if (draining) {
        return sendError(res, { code: 'SERVICE_UNAVAILABLE', message: 'The server is shutting down. Retry shortly.', batchSize });
      }
      // The budget is shared through the database (ip-rate-limiter.ts) but decided locally: this
      // resolves at once except for a client that spent its slice, which waits for one round trip.
      void rateLimiter.take(rateLimitKey(state.ip)).then((decision) => handle(req, res, { state, decision, procedure, query, batchSize }));
    },
  );

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    request: {
      state: RequestState;
      decision: RateDecision;
      procedure: string | undefined;
      query: URLSearchParams | undefined;
      batchSize: number | undefined;
    },
  ): void {
    const { state, decision, procedure, query, batchSize } = request;
    if (!decision.ok) {
      state.errorCode = 'TOO_MANY_REQUESTS';
      return sendError(res, {
        code: 'TOO_MANY_REQUESTS',
        message: `Too many requests from this address. Try again in ${decision.retryAfterSeconds} seconds.`,
        batchSize,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
    if (procedure === undefined && breachRelay?.(req, res)) return;
    if (procedure === undefined) {
      state.errorCode = 'NOT_FOUND';
      return sendError(res, { code: 'NOT_FOUND', message: `No such endpoint. The API lives under ${TRPC_BASE}.` });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      // Refuse before parsing. Node discards the unread body after the response so that the
      // client, still uploading, gets to read the 413 (closing at once makes it see EPIPE instead);
      // absurd sizes just get the connection closed.
      state.errorCode = 'PAYLOAD_TOO_LARGE';
      return sendError(res, {
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than ${maxBodyBytes} bytes.`,
        batchSize,
        headers: declared > DRAIN_LIMIT_FACTOR * maxBodyBytes ? { connection: 'close' } : {},
      });
    }
    const toTrpc = () => {
      sendInOneWrite(res);
      trpc(req, res);
    };
    const fast = procedure === FAST_PUSH_PATH ? tryFastPush : tryFastPull;
    fast(app, { req, res, procedure, query }).then(
      (answered) => {
        if (!answered) toTrpc();
      },
      (error: Error) => {
        state.errorCode = 'INTERNAL_SERVER_ERROR';
        app.log.error('procedure_failed', { requestId: state.requestId, procedure, error: error.message.slice(0, 200) });
        if (!res.headersSent) sendError(res, { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
      },
    );
  }

  // Requests Node's parser rejects before any handler runs (oversized headers or URL, garbage,
  // timeouts) get a JSON answer with a message too, instead of a bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
    app.log.info('client_error', { status, code: error.code, ip: (socket as Socket).remoteAddress });
    const body = JSON.stringify({ error: { message: CLIENT_ERROR_MESSAGE[status] ?? 'Malformed HTTP request.', data: { httpStatus: status } } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  // The live-push stream (event-stream.ts). Refusals here are plain HTTP answers on the raw socket.
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const ip = clientAddress({ socketAddress: socket.remoteAddress, forwardedFor: req.headers['x-forwarded-for'], trustProxy: deps.trustProxy });
    const pathname = (req.url ?? '/').split('?', 1)[0];
    if (pathname === EVENTS_PATH && !app.isAllowedHost(req.headers.host)) return void refuseUpgrade(socket, ip, 421);
    if (pathname !== EVENTS_PATH || draining) return void refuseUpgrade(socket, ip, pathname !== EVENTS_PATH ? 404 : 503);
    socket.on('error', () => socket.destroy());
    void rateLimiter.take(rateLimitKey(ip)).then((decision) => {
      if (!decision.ok) return refuseUpgrade(socket, ip, 429);
      if (socket.destroyed) return;
      void events.upgrade(req, socket, head, rateLimitKey(ip)).then((answered) => app.log.info('event_stream', { ip, status: answered }));
    });
  });

  function refuseUpgrade(socket: Socket, ip: string, status: number): void {
    app.log.info('event_stream', { ip, status });
    const body = JSON.stringify({ error: { message: STATUS_CODES[status], data: { httpStatus: status } } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  return {
    server,
    beginDrain() {
      draining = true;
      events.closeAll();
    },
  };
}

/**
 * tRPC's adapter streams every answer (chunked encoding, a write per chunk plus one to end). Our
 * answers are JSON documents of at most a pull page (~8 MiB), so collect them and send each in one
 * write with a Content-Length: one syscall per response instead of several, the biggest saving on
 * the hot path (sync.pull "since current", see bench/suites/server.ts). Nothing here streams.
 */
function sendInOneWrite(res: ServerResponse): void {
  const chunks: Buffer[] = [];
  const toBuffer = (chunk: unknown) => (typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  const end = res.end.bind(res);
  res.write = ((chunk: unknown) => {
    chunks.push(toBuffer(chunk));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk));
    const body = Buffer.concat(chunks);
    if (!res.headersSent) res.setHeader('content-length', body.length);
    return end(body);
  }) as typeof res.end;
}

/** A health check that waits longer than this for the database reports it unreachable. */
const HEALTH_DATABASE_TIMEOUT_MS = 3_000;

/**
 * Readiness for a load balancer: 200 only when the database answers within the timeout at the
 * schema version this server was built for (a newer replica may have migrated it further) and the
 * server is not shutting down; 503 otherwise, saying which.
 */
async function sendHealth(res: ServerResponse, options: { app: App; version: string; draining: boolean }): Promise<void> {
  const { storage } = options.app;
  let database: 'ok' | 'error' | 'schema_mismatch' = 'ok';
  let schemaVersion: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), HEALTH_DATABASE_TIMEOUT_MS);
    });
    schemaVersion = await Promise.race([storage.schemaVersion(), timeout]);
    if (schemaVersion !== storage.latestSchemaVersion) database = 'schema_mismatch';
  } catch {
    database = 'error';
  } finally {
    clearTimeout(timer);
  }
  const ok = database === 'ok' && !options.draining;
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      status: ok ? 'ok' : options.draining ? 'shutting_down' : 'error',
      version: options.version,
      database,
      schemaVersion,
    }),
  );
}

/** The origin a request was addressed to, as a client that typed the server's address sees it; undefined if unreadable. */
function requestOrigin(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim()
        .toLowerCase()
    : undefined;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  if (!req.headers.host) return undefined;
  try {
    return new URL(`${scheme}://${req.headers.host}`).origin;
  } catch {
    return undefined;
  }
}
