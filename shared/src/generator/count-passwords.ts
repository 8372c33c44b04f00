/**
 * Counts the passwords of a given length that contain at least `minimumPerSet` characters from each
 * of several disjoint character sets. The generator samples uniformly from exactly these passwords
 * (choosing each position's set with probability proportional to how many completions remain), and
 * the entropy estimate is the log2 of this count — so the estimate is exact, not a guess.
 *
 * count(r, need) = Σ_i size_i · count(r − 1, need − e_i), with need clamped at 0 and
 * count(0, need) = 1 when nothing is needed, else 0.
 */

export type PasswordCounter = {
  /** Number of valid completions of `remaining` positions when each set i still needs `need[i]`. */
  count(remaining: number, need: readonly number[]): bigint;
};

export function createPasswordCounter(setSizes: readonly number[], minimumPerSet: number): PasswordCounter {
  const radix = minimumPerSet + 1;
  const keyOf = (need: readonly number[]): number => need.reduce((key, n) => key * radix + n, 0);
  // tables[r] maps a need vector's key to its count; filled lazily one length at a time.
  const tables: Map<number, bigint>[] = [];

  const count = (remaining: number, need: readonly number[]): bigint => {
    if (remaining === 0) return need.every((n) => n === 0) ? 1n : 0n;
    const outstanding = need.reduce((sum, n) => sum + n, 0);
    if (outstanding > remaining) return 0n;
    const table = (tables[remaining] ??= new Map());
    const key = keyOf(need);
    const cached = table.get(key);
    if (cached !== undefined) return cached;
    let total = 0n;
    setSizes.forEach((size, i) => {
      total += BigInt(size) * count(remaining - 1, decremented(need, i));
    });
    table.set(key, total);
    return total;
  };

  return { count };
}

/** `need` with set i's requirement lowered by one (not below zero). */
export function decremented(need: readonly number[], i: number): number[] {
  return need.map((n, j) => (j === i && n > 0 ? n - 1 : n));
}

/** log2 of a positive bigint, accurate to double precision. */
export function log2BigInt(value: bigint): number {
  const bits = value.toString(2).length;
  if (bits <= 53) return Math.log2(Number(value));
  const shift = bits - 53;
  return Math.log2(Number(value >> BigInt(shift))) + shift;
}
