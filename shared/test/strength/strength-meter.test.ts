// Strength feedback a user sees, and the master-password rule: under 12 characters or a zxcvbn
// score under 3 is refused, with a reason the user can act on.
import { describe, expect, it } from 'vitest';
import { generatePassphrase } from '../../src/generator/generate-passphrase';
import { generatePassword } from '../../src/generator/generate-password';
import { createStrengthMeter, loadEnglishOptions } from '../../src/strength/create-strength-meter';

const meter = createStrengthMeter();

describe('measure', () => {
  it('scores a top common password 0, with a warning and advice', async () => {
    const result = await meter.measure('password');
    expect(result.score).toBe(0);
    expect(result.warning).toMatch(/commonly used|heavily used/i);
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.crackTimeDisplay).toBe('less than a second');
  });

  it('scores generated passwords and passphrases 4', async () => {
    expect((await meter.measure(generatePassword({ length: 16 }))).score).toBe(4);
    expect((await meter.measure(generatePassphrase({ words: 5 }))).score).toBe(4);
  });

  it('uses English dictionaries (words, names), not just the common-password list', async () => {
    const withoutEnglish = createStrengthMeter({
      loadOptions: async () => {
        const { dictionary: _english, translations, graphs } = await loadEnglishOptions();
        const common = await import('@zxcvbn-ts/language-common');
        return { translations, graphs, dictionary: common.dictionary };
      },
    });
    const phrase = 'elizabethwashington';
    const [full, reduced] = await Promise.all([meter.measure(phrase), withoutEnglish.measure(phrase)]);
    expect(full.guessesLog10).toBeLessThan(reduced.guessesLog10);
  });

  it("counts the user's own details against the password", async () => {
    const password = 'Karlheinz.Zwiebelmeyer';
    const plain = await meter.measure(password);
    const personal = await meter.measure(password, ['karlheinz.zwiebelmeyer@example.com', 'Karlheinz', 'Zwiebelmeyer']);
    expect(personal.guessesLog10).toBeLessThan(plain.guessesLog10 - 3);
  });

  it('loads the dictionaries once, on first use', async () => {
    let loads = 0;
    const lazy = createStrengthMeter({
      loadOptions: () => {
        loads += 1;
        return loadEnglishOptions();
      },
    });
    expect(loads).toBe(0);
    await Promise.all([lazy.measure('a'), lazy.measure('b')]);
    await lazy.measure('c');
    expect(loads).toBe(1);
  });

  it('retries a failed dictionary load', async () => {
    let attempts = 0;
    const flaky = createStrengthMeter({
      loadOptions: () => {
        attempts += 1;
        return attempts === 1 ? Promise.reject(new Error('chunk failed to load')) : loadEnglishOptions();
      },
    });
    await expect(flaky.measure('x')).rejects.toThrow('chunk failed to load');
    expect((await flaky.measure('password')).score).toBe(0);
  });
});

describe('assertMasterPasswordAcceptable', () => {
  it('refuses fewer than 12 characters even when zxcvbn likes it, and says how many', async () => {
    const result = await meter.assertMasterPasswordAcceptable('Tr0ub4dor&3');
    expect(result.strength.score).toBe(4);
    expect(result).toMatchObject({ ok: false, reason: 'too-short' });
    expect(!result.ok && result.message).toMatch(/at least 12 characters; this one has 11/);
  });

  it('counts characters, not UTF-16 units', async () => {
    const result = await meter.assertMasterPasswordAcceptable('🔑🔑🔑🔑🔑🔑🔑');
    expect(!result.ok && result.message).toMatch(/this one has 7/);
  });

  it.each(['passwordpassword', 'qwertyuiop123456', 'iloveyou12345678'])('refuses the long but guessable %j, saying why', async (password) => {
    const result = await meter.assertMasterPasswordAcceptable(password);
    expect(result).toMatchObject({ ok: false, reason: 'too-weak' });
    expect(!result.ok && result.message).toMatch(/guessed too quickly/);
    expect(!result.ok && result.strength.score).toBeLessThan(3);
  });

  it("refuses a password built from the user's own email", async () => {
    const password = 'Karlheinz.Zwiebelmeyer1';
    expect((await meter.assertMasterPasswordAcceptable(password)).ok).toBe(true);
    const personal = await meter.assertMasterPasswordAcceptable(password, ['karlheinz.zwiebelmeyer@example.com']);
    expect(personal).toMatchObject({ ok: false, reason: 'too-weak' });
  });

  it('accepts a passphrase of five random words', async () => {
    const result = await meter.assertMasterPasswordAcceptable(generatePassphrase({ words: 5 }));
    expect(result.ok).toBe(true);
  });

  it('accepts a random 12-character password, the shortest allowed', async () => {
    const result = await meter.assertMasterPasswordAcceptable(generatePassword({ length: 12 }));
    expect(result.ok).toBe(true);
  });
});
