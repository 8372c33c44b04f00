// The generator as the panel calls it: shared/generator's uniform passwords and EFF passphrases, with
// their exact entropy. Options a user cannot produce through the panel still come back as a message
// (GeneratorOptionsError), never as a crash. With a site's password rules to follow, a password is
// drawn among those the rules accept (the panel's length, moved inside the rule's bounds).
import { generatePassword, generateRulePassword } from '@keyhold/shared/generator/generate-password';
import { generatePassphrase } from '@keyhold/shared/generator/generate-passphrase';
import { entropyBits } from '@keyhold/shared/generator/entropy-bits';
import { GeneratorOptionsError } from '@keyhold/shared/generator/options-error';
import type { PasswordRules } from '@keyhold/shared/generator/password-rules';
import type { GeneratorOptions } from './generator-options';

/** `followedRules`: the value obeys the rules it was given (false when there were none, or they cannot be met). */
export type Generated = { ok: true; value: string; bits: number; followedRules: boolean } | { ok: false; message: string };

export function generate(options: GeneratorOptions, rules: PasswordRules | null = null): Generated {
  try {
    if (options.mode === 'password') {
      const followed = rules === null ? null : generateRulePassword(rules, { length: options.password.length });
      if (followed !== null) return { ok: true, value: followed.password, bits: followed.bits, followedRules: true };
      const password = { ...options.password, minimumPerSet: 1 };
      return { ok: true, value: generatePassword(password), bits: entropyBits({ kind: 'password', ...password }), followedRules: false };
    }
    return {
      ok: true,
      value: generatePassphrase(options.passphrase),
      bits: entropyBits({ kind: 'passphrase', ...options.passphrase }),
      followedRules: false,
    };
  } catch (error) {
    if (error instanceof GeneratorOptionsError) return { ok: false, message: error.message };
    throw error;
  }
}
