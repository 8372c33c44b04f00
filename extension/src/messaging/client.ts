// Sending a protocol message from an extension page or a content script. `send` resolves with the
// response or throws a MessageError carrying the protocol's error code and user-facing message.
import { browser } from 'wxt/browser';
import type { MessageType, RequestInput, ResponseOf } from './protocol';
import type { ErrorCode, Result } from './result';
import { isVaultChanged, isVaultLocked } from './events';
import { t } from '../i18n/messages';

export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

// The request as the protocol's schema takes it; the background parses it again (broker.ts).
type Args<T extends MessageType> = RequestInput<T> extends void ? [] : [RequestInput<T>];

export async function send<T extends MessageType>(type: T, ...args: Args<T>): Promise<ResponseOf<T>> {
  const reply = (await browser.runtime.sendMessage({ type, request: args[0] })) as Result<ResponseOf<T>> | undefined;
  if (!reply) throw new MessageError('INTERNAL', t('error_no_answer'));
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message, reply.error.retryAfterMs);
  return reply.value;
}

type EventTest = (message: unknown, sender: { id?: string; tab?: unknown }, extensionId: string) => boolean;

function onBackgroundEvent(test: EventTest, listener: () => void): () => void {
  const handle = (message: unknown, sender: { id?: string; tab?: unknown }): undefined => {
    if (test(message, sender, browser.runtime.id)) listener();
    return undefined;
  };
  browser.runtime.onMessage.addListener(handle);
  return () => browser.runtime.onMessage.removeListener(handle);
}

/** Calls `listener` when the background says the vault was locked; returns the unsubscribe. */
export function onVaultLocked(listener: () => void): () => void {
  return onBackgroundEvent(isVaultLocked, listener);
}

/** Calls `listener` when sync brought changes from another device; returns the unsubscribe. */
export function onVaultChanged(listener: () => void): () => void {
  return onBackgroundEvent(isVaultChanged, listener);
}
