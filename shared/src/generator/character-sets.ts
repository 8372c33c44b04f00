/**
 * The character sets a generated password draws from, and the look-alike characters a user can
 * leave out when a password will be read or typed by hand.
 */

export const CHARACTER_SET_NAMES = ['lower', 'upper', 'digits', 'symbols'] as const;
export type CharacterSetName = (typeof CHARACTER_SET_NAMES)[number];

const FULL_SETS: Readonly<Record<CharacterSetName, string>> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  // Every printable ASCII punctuation character; space is left out (trimmed by too many forms).
  symbols: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

/** Characters easily confused with another in common fonts: I l 1 |, O o 0, and the quote marks. */
export const LOOK_ALIKES = 'Il1|Oo0\'"`';

export type CharacterSetChoice = Record<CharacterSetName, boolean> & { excludeLookAlikes: boolean };

/** The chosen sets as arrays of characters, in a fixed order; the sets never share a character. */
export function resolveCharacterSets(choice: CharacterSetChoice): string[][] {
  return CHARACTER_SET_NAMES.filter((name) => choice[name]).map((name) =>
    [...FULL_SETS[name]].filter((char) => !(choice.excludeLookAlikes && LOOK_ALIKES.includes(char))),
  );
}
