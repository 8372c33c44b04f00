// The live-push event stream (docs/adr/0013-live-push.md): a WebSocket at /events on the API's own
// HTTP server. The browser WebSocket API cannot send an Authorization header, so the session token
// travels as a subprotocol ("bearer.<token>" next to "keyhold-events.v1"), which proxies do not log,
// unlike a query string. Everything is checked before the upgrade: path, address budget, per-address
// connection limit, token, per-account limit; a refused client gets a plain HTTP error and a closed
// socket. Once open, the server sends {"type":"revision","revision":N} — at open and after each
// committed push to the account — and {"type":"pong"} to a client's "ping"; a client that misses a
// protocol-level pong, stops reading, sends anything else or pings too often, or whose session ends, is dropped.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../app';
import { DEFAULT_CONFIG } from '../config/server-config';
import { bearerToken } from '../sessions/bearer-token';

export const EVENTS_PATH = '/events';
export const EVENTS_PROTOCOL = 'keyhold-events.v1';
const TOKEN_PROTOCOL_PREFIX = 'bearer.';

export type EventStreamLimits = {
  /** Open streams per account in one server process. */
  perAccount: number;
  /** Open or opening streams per client address in one server process. */
  perAddress: number;
  /** Ping interval; a client that has not answered the previous ping by the next one is dropped. */
  heartbeatMs: number;
};

/** The connection limits come from the configuration (server-config.ts eventStreams). */
export const DEFAULT_EVENT_LIMITS: EventStreamLimits = { ...DEFAULT_CONFIG.eventStreams, heartbeatMs: 30_000 };
/** Unsent bytes above which a client counts as not reading (an event is ~40 bytes). */
const MAX_BUFFERED_BYTES = 16 * 1024;
/** Close codes (RFC 6455 §7.4.2: 4000–4999 are the application's). */
const CLOSE_SESSION_ENDED = 4401;
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_GOING_AWAY = 1001;
const MIN_CLIENT_PING_MS = 1_000;
const PONG = JSON.stringify({ type: 'pong' });

export type Refusal = { status: number; message: string; headers?: Record<string, string> };

export function createEventStream(deps: { app: App; limits?: Partial<EventStreamLimits> }) {
  const { app } = deps;
  const limits = { ...DEFAULT_EVENT_LIMITS, ...deps.limits };
  // Any subprotocol list we accept contains ours: answer with it, never with the token.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024, clientTracking: false, handleProtocols: () => EVENTS_PROTOCOL });
  const perAddress = new Map<string, number>();
  const open = new Set<WebSocket>();

  const release = (address: string) => {
    const count = (perAddress.get(address) ?? 1) - 1;
    if (count <= 0) perAddress.delete(address);
    else perAddress.set(address, count);
  };

  function refuse(socket: Duplex, refusal: Refusal): number {
    const body = JSON.stringify({ error: { message: refusal.message, data: { httpStatus: refusal.status } } });
    const extra = Object.entries(refusal.headers ?? {})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n${extra}Connection: close\r\n\r\n${body}`,
    );
    return refusal.status;
  }

  function serve(ws: WebSocket, session: { accountId: string; token: string }): void {
    open.add(ws);
    let alive = true;
    const send = (revision: number) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return void ws.terminate();
      ws.send(JSON.stringify({ type: 'revision', revision }));
    };
    const unwatch = app.events.watch(session.accountId, send);
    const heartbeat = setInterval(() => {
      if (!alive) return void ws.terminate();
      alive = false;
      ws.ping();
      // A revoked or expired session stops hearing about the account within one heartbeat.
      app.sessions.validate(session.token).then(
        (valid) => {
          if (!valid) ws.close(CLOSE_SESSION_ENDED, 'Session ended');
        },
        () => undefined,
      );
    }, limits.heartbeatMs);
    ws.on('pong', () => (alive = true));
    // The one thing a client may send is "ping", at most once a second, answered with a pong event:
    // Chrome keeps an extension's service worker alive only while its WebSocket exchanges messages
    // (Chrome 116+, "Use WebSockets in service workers"), and protocol-level pings are invisible to it.
    let lastPingAt = 0;
    ws.on('message', (data, isBinary) => {
      const now = Date.now();
      if (isBinary || (data as Buffer).toString() !== 'ping' || now - lastPingAt < MIN_CLIENT_PING_MS) {
        return void ws.close(CLOSE_UNSUPPORTED, 'This stream only accepts "ping"');
      }
      lastPingAt = now;
      if (ws.bufferedAmount <= MAX_BUFFERED_BYTES) ws.send(PONG);
    });
    ws.on('error', () => ws.terminate());
    ws.once('close', () => {
      clearInterval(heartbeat);
      unwatch();
      open.delete(ws);
    });
    // The current revision at once, so a device that was offline (or reconnects) catches up.
    app.storage.items.changesSince({ accountId: session.accountId, since: Number.MAX_SAFE_INTEGER, limit: 1 }).then(
      (changes) => send(changes?.revision ?? 0),
      () => undefined,
    );
  }

  return {
    /**
     * Takes an HTTP upgrade request for EVENTS_PATH; `address` is the client's rate-limit key
     * (client-address.ts). Resolves with the status answered (101 when upgraded), for the log.
     */
    async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): Promise<number> {
      socket.on('error', () => socket.destroy());
      if ((perAddress.get(address) ?? 0) >= limits.perAddress) {
        return refuse(socket, { status: 429, message: 'Too many event streams from this address.', headers: { 'retry-after': '60' } });
      }
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      let handedOver = false;
      try {
        const refusal = await withDeadline(authenticate(req), AUTH_DEADLINE_MS);
        if ('status' in refusal) return refuse(socket, refusal);
        if (app.events.watching(refusal.accountId) >= limits.perAccount) {
          return refuse(socket, { status: 429, message: 'Too many event streams for this account.', headers: { 'retry-after': '60' } });
        }
        if (socket.destroyed) return 499;
        handedOver = true;
        wss.handleUpgrade(req, socket, head, (ws) => {
          ws.once('close', () => release(address));
          serve(ws, refusal);
        });
        return 101;
      } catch (error) {
        if (error instanceof DeadlineError) return refuse(socket, { status: 503, message: 'The server is busy. Retry shortly.' });
        app.log.error('event_stream_failed', { error: (error as Error).message.slice(0, 200) });
        return refuse(socket, { status: 500, message: 'Internal server error' });
      } finally {
        if (!handedOver) release(address);
      }
    },
    /** Closes every stream (shutdown): clients reconnect, to another replica behind a load balancer. */
    closeAll(): void {
      for (const ws of open) ws.close(CLOSE_GOING_AWAY, 'Server shutting down');
    },
    openCount: () => open.size,
  };

  async function authenticate(req: IncomingMessage): Promise<Refusal | { accountId: string; token: string }> {
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
      return { status: 426, message: 'This endpoint is a WebSocket.', headers: { upgrade: 'websocket' } };
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((value) => value.trim());
    if (!offered.includes(EVENTS_PROTOCOL)) return { status: 400, message: `Ask for the ${EVENTS_PROTOCOL} subprotocol.` };
    const carried = offered.find((value) => value.startsWith(TOKEN_PROTOCOL_PREFIX));
    const bearer = bearerToken(carried === undefined ? undefined : `Bearer ${carried.slice(TOKEN_PROTOCOL_PREFIX.length)}`);
    if (bearer.kind === 'missing') return { status: 401, message: `Sign in first: offer the subprotocol ${TOKEN_PROTOCOL_PREFIX}<token>.` };
    if (bearer.kind === 'malformed') return { status: 401, message: 'Malformed session token.' };
    const session = await app.sessions.validate(bearer.token);
    if (!session) return { status: 401, message: 'This session has expired or was revoked. Sign in again.' };
    return { accountId: session.accountId, token: bearer.token };
  }
}

export type EventStream = ReturnType<typeof createEventStream>;

/** A client whose session check takes longer (a stalled database) is answered 503, not held. */
const AUTH_DEADLINE_MS = 10_000;

class DeadlineError extends Error {}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError('deadline')), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
