// Turns a failed request into what the user reads. Background errors already carry a user-facing
// message (messaging/result.ts); anything else gets a generic one and goes to the console for us.
import { MessageError } from '../../messaging/client';
import { t } from '../../i18n/messages';

export function errorMessage(error: unknown): string {
  if (error instanceof MessageError) return error.message;
  return t('common_something_went_wrong');
}

export function isLockedError(error: unknown): boolean {
  return error instanceof MessageError && (error.code === 'LOCKED' || error.code === 'NO_VAULT');
}

export function errorCode(error: unknown): string | null {
  return error instanceof MessageError ? error.code : null;
}
