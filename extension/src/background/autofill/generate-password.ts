// A new password for a new-password field: 20 characters from lower and upper case letters, digits
// and symbols, at least one of each, every character chosen without modulo bias (rejection
// sampling on crypto.getRandomValues). TEMPORARY until @keyhold/shared/generator lands; callers
// only see generatePassword().
const SETS = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#$%&*+-=?@^_'];
const ALL = SETS.join('');
export const GENERATED_LENGTH = 20;

function randomBelow(n: number): number {
  const limit = 256 - (256 % n);
  const byte = new Uint8Array(1);
  for (;;) {
    crypto.getRandomValues(byte);
    if (byte[0]! < limit) return byte[0]! % n;
  }
}

export function generatePassword(): string {
  for (;;) {
    const chars = Array.from({ length: GENERATED_LENGTH }, () => ALL[randomBelow(ALL.length)]!);
    // Sites often demand one of each class; a draw without one is discarded (never patched, which
    // would skew the distribution).
    if (SETS.every((set) => chars.some((c) => set.includes(c)))) return chars.join('');
  }
}
