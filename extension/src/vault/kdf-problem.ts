// What is wrong with key-derivation settings (a vault header's, or a sync server's), in the user's
// language. The shared checks (shared/src/crypto/kdf-params.ts) say it in English with the exact
// figures, for logs and tests; the user reads the catalogue's message for the reason.
import type { KdfParamsError } from '@keyhold/shared/crypto/errors';
import { t } from '../i18n/messages';

export function kdfProblem(error: KdfParamsError): string {
  switch (error.reason) {
    case 'malformed':
    case 'malformed-salt':
      return t('error_kdf_damaged');
    case 'unsupported-algorithm':
      return t('error_kdf_unsupported');
    case 'below-floor':
      return t('error_kdf_too_weak');
    case 'above-ceiling':
      return t('error_kdf_too_costly');
    case 'weaker-than-pinned':
      return t('error_kdf_weaker_than_before');
  }
}
