// The background's message broker: one handler per message type (a second registration throws),
// each type answerable only for the sender kinds the protocol lists for it, every reply a Result.
// Handlers receive the browser-identified sender, never a URL or origin the page claims.
import { MESSAGE_SENDERS, type MessageType, type RequestOf, type ResponseOf } from './protocol';
import { UserError } from '../common/user-error';
import type { Result } from './result';
import type { SenderInfo } from './sender';

export type Handler<T extends MessageType> = (request: RequestOf<T>, sender: SenderInfo) => Promise<ResponseOf<T>> | ResponseOf<T>;

export function createBroker(options: { onError?: (type: string, error: unknown) => void } = {}) {
  const handlers = new Map<MessageType, Handler<MessageType>>();

  function on<T extends MessageType>(type: T, handler: Handler<T>): void {
    if (handlers.has(type)) throw new Error(`A handler for ${type} is already registered`);
    handlers.set(type, handler as unknown as Handler<MessageType>);
  }

  async function dispatch(message: unknown, sender: SenderInfo | null): Promise<Result<unknown>> {
    if (sender === null) return forbidden();
    if (typeof message !== 'object' || message === null) return forbidden();
    const { type, request } = message as { type?: unknown; request?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_SENDERS, type)) return forbidden();
    const allowed: readonly string[] = MESSAGE_SENDERS[type as MessageType];
    if (!allowed.includes(sender.kind)) return forbidden();
    const handler = handlers.get(type as MessageType);
    if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `No handler for ${type}` } };
    try {
      return { ok: true, value: await handler(request as never, sender) };
    } catch (error) {
      if (error instanceof UserError) {
        return {
          ok: false,
          error: { code: error.code, message: error.message, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) },
        };
      }
      options.onError?.(type, error);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Please try again.' } };
    }
  }

  return { on, dispatch };
}

export type Broker = ReturnType<typeof createBroker>;

function forbidden(): Result<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: 'Not allowed.' } };
}
