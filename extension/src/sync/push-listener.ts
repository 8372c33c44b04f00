// Live push, the device side (docs/adr/0013-live-push.md). While signed in and unlocked, one
// WebSocket to the server's /events stream; the server says "your account is at revision N" at open
// and after every push, and a revision above this device's cursor starts a sync at once (the engine
// then tells open views, onRemoteChanges). The hint carries no data and is not trusted for any: the
// pull that follows is the normal, verified one. When the stream cannot be opened or drops, it is
// retried with capped exponential backoff and jitter; the periodic poll runs regardless, so a
// device that never connects syncs as before.
//
// A state machine: stopped → connecting → open → (closed) waiting → connecting …; stop() from any
// state. Each start bumps a generation number so callbacks of an older socket or timer do nothing.
import { z } from 'zod';
import { backoffDelay } from './backoff';

export const EVENTS_PROTOCOL = 'keyhold-events.v1';
const TOKEN_PROTOCOL_PREFIX = 'bearer.';
/** Chrome keeps a service worker alive while its WebSocket exchanges messages, within 30 s (Chrome 116+). */
export const KEEP_ALIVE_MS = 20_000;
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 5 * 60_000;

const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('revision'), revision: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong') }),
]);

/** The WebSocket surface used here: the browser's WebSocket (`ws` in Node tests). */
export type PushSocket = Pick<WebSocket, 'onopen' | 'onmessage' | 'onclose' | 'onerror' | 'send' | 'close'>;

export type PushListenerDeps = {
  /** The stream's URL and this device's session token; null when signed out or locked. */
  target(): Promise<{ url: string; token: string } | null>;
  /** The revision this device has applied. */
  cursor(): Promise<number>;
  /** A run for news that the account reached `revision`. */
  syncNow(revision: number): unknown;
  connect(url: string, protocols: string[]): PushSocket;
  random?: () => number;
  keepAliveMs?: number;
};

export type PushListenerState = 'stopped' | 'connecting' | 'open' | 'waiting';

/** ws(s)://…/events for a normalised server base URL (server-url.ts). */
export function eventStreamUrl(serverBase: string): string {
  return `${serverBase.replace(/^http/, 'ws')}/events`;
}

export function createPushListener(deps: PushListenerDeps) {
  let state: PushListenerState = 'stopped';
  let generation = 0;
  let failures = 0;
  let socket: PushSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function retry(current: number): void {
    if (current !== generation) return;
    failures += 1;
    state = 'waiting';
    const delay = backoffDelay(failures, { baseMs: RECONNECT_BASE_MS, maxMs: RECONNECT_MAX_MS, ...(deps.random ? { random: deps.random } : {}) });
    retryTimer = setTimeout(() => void connect(current), delay);
  }

  async function hear(revision: number, current: number): Promise<void> {
    if (revision > (await deps.cursor()) && current === generation) deps.syncNow(revision);
  }

  async function connect(current: number): Promise<void> {
    if (current !== generation) return;
    state = 'connecting';
    const target = await deps.target().catch(() => null);
    if (current !== generation) return;
    if (!target) {
      // Signed out or locked: nothing to listen for until start() is called again.
      state = 'stopped';
      return;
    }
    let opened: PushSocket;
    try {
      opened = deps.connect(target.url, [EVENTS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${target.token}`]);
    } catch {
      return retry(current);
    }
    socket = opened;
    let keepAlive: ReturnType<typeof setInterval> | undefined;
    opened.onopen = () => {
      if (current !== generation) return;
      state = 'open';
      keepAlive = setInterval(() => {
        try {
          opened.send('ping');
        } catch {
          opened.close();
        }
      }, deps.keepAliveMs ?? KEEP_ALIVE_MS);
    };
    opened.onmessage = (event) => {
      if (current !== generation || typeof event.data !== 'string') return;
      let parsed;
      try {
        parsed = eventSchema.safeParse(JSON.parse(event.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      // Heard from the server: the connection works, so the next drop starts the backoff afresh.
      failures = 0;
      if (parsed.data.type === 'revision') void hear(parsed.data.revision, current);
    };
    opened.onerror = () => undefined; // a close follows
    opened.onclose = () => {
      clearInterval(keepAlive);
      if (current !== generation) return;
      socket = null;
      // A session the server ended shows up in the next run (which signs out); then target() is null.
      retry(current);
    };
  }

  return {
    /** Starts listening unless already listening (or trying to); call when signed in and unlocked. */
    start(): void {
      if (state !== 'stopped') return;
      failures = 0;
      generation += 1;
      void connect(generation);
    },
    /** Stops listening (lock, sign-out); a later start() opens a new stream. */
    stop(): void {
      generation += 1;
      state = 'stopped';
      clearTimeout(retryTimer);
      // Its onclose clears its keep-alive; a stale generation does nothing else.
      socket?.close(1000);
      socket = null;
    },
    state: (): PushListenerState => state,
  };
}

export type PushListener = ReturnType<typeof createPushListener>;
