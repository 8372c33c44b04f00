// The background's message broker: one handler per message type (a second registration throws),
// each type answerable only for the sender kinds the protocol lists for it, every request parsed
// with the protocol's schema before its handler runs, every reply a Result. Handlers receive the
// parsed request and the browser-identified sender, never a URL or origin the page claims.
import type { z } from 'zod';
import { MESSAGES, isMessageType, type MessageType, type RequestInput, type RequestOf, type ResponseOf } from './protocol';
import { UserError } from '../common/user-error';
import type { Failure, Result } from './result';
import type { SenderInfo, SenderKind } from './sender';
import { t } from '../i18n/messages';

export type Handler<T extends MessageType> = (request: RequestOf<T>, sender: SenderInfo) => Promise<ResponseOf<T>> | ResponseOf<T>;

/**
 * The protocol typed per message, so that `SPECS[type].request` for a generic `type` is a schema of
 * RequestOf<type>: TypeScript does not relate `MESSAGES[T]['request']` to RequestOf<T> by itself,
 * while this annotation is checked against MESSAGES for every message.
 */
const SPECS: {
  readonly [T in MessageType]: { readonly senders: readonly SenderKind[]; readonly request: z.ZodType<RequestOf<T>, RequestInput<T>> };
} = MESSAGES;

/** A registered handler behind its schema: it runs the handler only for a request the schema accepts. */
type Guarded = (request: unknown, sender: SenderInfo) => { valid: false } | { valid: true; run: () => unknown };

function guard<Out, In>(schema: z.ZodType<Out, In>, handler: (request: Out, sender: SenderInfo) => unknown): Guarded {
  return (request, sender) => {
    let parsed: z.ZodSafeParseResult<Out>;
    try {
      parsed = schema.safeParse(request);
    } catch {
      // A parse that throws (a request nested deeply enough to exhaust the stack) is refused too.
      return { valid: false };
    }
    return parsed.success ? { valid: true, run: () => handler(parsed.data, sender) } : { valid: false };
  };
}

export function createBroker(options: { onError?: (type: string, error: unknown) => void } = {}) {
  const handlers = new Map<MessageType, Guarded>();

  function on<T extends MessageType>(type: T, handler: Handler<T>): void {
    if (handlers.has(type)) throw new Error(`A handler for ${type} is already registered`);
    handlers.set(type, guard(SPECS[type].request, handler));
  }

  async function dispatch(message: unknown, sender: SenderInfo | null): Promise<Result<unknown>> {
    if (sender === null) return forbidden();
    if (typeof message !== 'object' || message === null) return forbidden();
    const { type, request } = message as { type?: unknown; request?: unknown };
    if (!isMessageType(type)) return forbidden();
    const allowed: readonly SenderKind[] = SPECS[type].senders;
    if (!allowed.includes(sender.kind)) return forbidden();
    const handler = handlers.get(type);
    if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `No handler for ${type}` } };
    try {
      const checked = handler(request, sender);
      if (!checked.valid) return invalid();
      return { ok: true, value: await checked.run() };
    } catch (error) {
      if (error instanceof UserError) {
        return {
          ok: false,
          error: { code: error.code, message: error.message, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) },
        };
      }
      options.onError?.(type, error);
      return { ok: false, error: { code: 'INTERNAL', message: t('common_something_went_wrong') } };
    }
  }

  return { on, dispatch };
}

export type Broker = ReturnType<typeof createBroker>;

function forbidden(): Failure {
  return { ok: false, error: { code: 'FORBIDDEN', message: t('error_not_allowed') } };
}

/** The same short answer for every malformed request: nothing of the request is echoed back. */
function invalid(): Failure {
  return { ok: false, error: { code: 'INVALID', message: t('error_request_not_valid') } };
}
