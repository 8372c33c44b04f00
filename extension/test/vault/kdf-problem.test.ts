// Every reason the shared KDF checks give has a message in the user's language.
import { afterEach, expect, it } from 'vitest';
import { KdfParamsError, type KdfParamsErrorReason } from '@keyhold/shared/crypto/errors';
import german from '../../public/_locales/de/messages.json';
import english from '../../public/_locales/en/messages.json';
import type { Catalogue } from '../../src/i18n/catalogue';
import { useCatalogue } from '../../src/i18n/messages';
import { kdfProblem } from '../../src/vault/kdf-problem';

const REASONS: KdfParamsErrorReason[] = [
  'malformed',
  'unsupported-algorithm',
  'malformed-salt',
  'below-floor',
  'above-ceiling',
  'weaker-than-pinned',
];

afterEach(() => useCatalogue(english as Catalogue));

it('says each reason from the catalogue, never the English text of the shared check', () => {
  useCatalogue(german as Catalogue);
  for (const reason of REASONS) {
    const said = kdfProblem(new KdfParamsError(reason, 'English detail from the shared check'));
    expect(said).not.toMatch(/^error_kdf_|English detail/);
    expect(said).toMatch(/Schlüsselableitung/);
  }
});
