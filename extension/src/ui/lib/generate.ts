// The generator as the panel calls it: shared/generator's uniform passwords and EFF passphrases, with
// their exact entropy. Options a user cannot produce through the panel still come back as a message
// (GeneratorOptionsError), never as a crash.
import { generatePassword } from '@keyhold/shared/generator/generate-password';
import { generatePassphrase } from '@keyhold/shared/generator/generate-passphrase';
import { entropyBits } from '@keyhold/shared/generator/entropy-bits';
import { GeneratorOptionsError } from '@keyhold/shared/generator/options-error';
import type { GeneratorOptions } from './generator-options';

export type Generated = { ok: true; value: string; bits: number } | { ok: false; message: string };

export function generate(options: GeneratorOptions): Generated {
  try {
    if (options.mode === 'password') {
      const password = { ...options.password, minimumPerSet: 1 };
      return { ok: true, value: generatePassword(password), bits: entropyBits({ kind: 'password', ...password }) };
    }
    return { ok: true, value: generatePassphrase(options.passphrase), bits: entropyBits({ kind: 'passphrase', ...options.passphrase }) };
  } catch (error) {
    if (error instanceof GeneratorOptionsError) return { ok: false, message: error.message };
    throw error;
  }
}
