/**
 * How to draw a password that obeys a site's `passwordrules` (password-rules.ts) uniformly: the
 * alphabet, the length, and the number of valid passwords that complete every partial one.
 *
 * The characters are grouped into "atoms": characters that belong to exactly the same required
 * sets are interchangeable for the rules. A partial password is then described by which required
 * sets it has met (a bit mask), the atom of its last character and how many times that character
 * repeats at its end. Counting completions from each such state (dynamic programming over the
 * remaining length, in bigints) lets generate-password.ts pick each next character with probability
 * proportional to the number of valid passwords it leads to — so every valid password is equally
 * likely and the first one drawn always obeys the rules, with no retries and no bias.
 *
 * Rules that cannot be met (a minimum above the maximum, more required classes than characters, a
 * run limit the alphabet cannot keep) or that would take too much work (a hostile page's hundred
 * required classes) give null: the caller falls back to another rule or to the plain generator.
 */
import { log2BigInt } from './count-passwords';
import { ASCII_PRINTABLE, type CharacterClassSet, type PasswordRules } from './password-rules';

export type RulePlan = {
  length: number;
  /** The characters of each atom, in ASCII order. */
  atoms: string[][];
  /** Which required sets each atom's characters belong to. */
  atomMasks: number[];
  /** Every required set met. */
  full: number;
  /** Longest run of one character allowed; Infinity when the rule sets none that matters. */
  maxRun: number;
  /** counts[r][state]: valid completions with r characters left (see stateIndex). */
  counts: bigint[][];
};

const MAX_REQUIRED_SETS = 6;
/** Table cells × transitions above which a rule is refused as too costly (a few ms at most below it). */
const WORK_LIMIT = 3_000_000;

/** The characters a generated password draws from: `unicode` means ASCII printable here. */
function alphabetOf(set: CharacterClassSet): string {
  return set.unicode ? ASCII_PRINTABLE : set.chars;
}

export type RuleLengthChoice = {
  /** The length the user asked for. */
  preferred: number;
  /** The generator's own ceiling. */
  max: number;
};

/**
 * The length to generate: the preferred one moved into [minlength, maxlength] (a site whose maximum
 * is 6 gets 6, one whose minimum is 30 gets 30), never above the generator's ceiling.
 */
export function ruleLength(rules: PasswordRules, choice: RuleLengthChoice): number | null {
  const { preferred } = choice;
  const min = rules.minLength ?? 1;
  const max = Math.min(rules.maxLength ?? choice.max, choice.max);
  if (min > max) return null;
  return Math.min(max, Math.max(min, preferred));
}

/** State index in a row of the table: (mask, last atom + 1, run − 1). Atom 0 stands for "none yet". */
function stateIndex(mask: number, lastAtom: number, run: number, atomCount: number, maxRun: number): number {
  return (mask * (atomCount + 1) + (lastAtom + 1)) * maxRun + (run - 1);
}

export function planRulePassword(rules: PasswordRules, choice: RuleLengthChoice): RulePlan | null {
  const length = ruleLength(rules, choice);
  if (length === null) return null;

  // A space is allowed by `special` and `ascii-printable`, but many forms trim it: leave it out
  // unless a required set has nothing else.
  let alphabet = alphabetOf(rules.allowed);
  const required = rules.required.filter((set) => !set.unicode).map((set) => [...set.chars].filter((c) => alphabet.includes(c)));
  const needsSpace = required.some((set) => set.length > 0 && set.every((c) => c === ' '));
  if (!needsSpace) alphabet = alphabet.replace(' ', '');
  const sets = required.map((set) => set.filter((c) => alphabet.includes(c)));
  if (alphabet.length === 0 || sets.some((set) => set.length === 0)) return null;

  // A required set containing another is met whenever the smaller one is: drop it (and duplicates).
  const distinct = sets
    .map((set) => set.join(''))
    .filter((set, i, all) => !all.some((other, j) => j !== i && [...other].every((c) => set.includes(c)) && (other !== set || j < i)));
  if (distinct.length > MAX_REQUIRED_SETS || distinct.length > length) return null;

  const byMask = new Map<number, string[]>();
  for (const char of alphabet) {
    let mask = 0;
    distinct.forEach((set, bit) => {
      if (set.includes(char)) mask |= 1 << bit;
    });
    byMask.set(mask, [...(byMask.get(mask) ?? []), char]);
  }
  const atomMasks = [...byMask.keys()].sort((a, b) => a - b);
  const atoms = atomMasks.map((mask) => byMask.get(mask)!);
  const full = (1 << distinct.length) - 1;
  const maxRun = rules.maxConsecutive !== null && rules.maxConsecutive < length ? rules.maxConsecutive : Infinity;
  const runs = Number.isFinite(maxRun) ? maxRun : 1;
  const rowSize = (full + 1) * (atoms.length + 1) * runs;
  if (rowSize * (length + 1) * (atoms.length + 1) > WORK_LIMIT) return null;

  const counts = countCompletions({ length, atoms, atomMasks, full, maxRun, rowSize });
  const start = stateIndex(0, -1, 1, atoms.length, runs);
  if (counts[length]![start] === 0n) return null;
  return { length, atoms, atomMasks, full, maxRun, counts };
}

function countCompletions(plan: {
  length: number;
  atoms: string[][];
  atomMasks: number[];
  full: number;
  maxRun: number;
  rowSize: number;
}): bigint[][] {
  const { length, atoms, atomMasks, full, maxRun, rowSize } = plan;
  const tracked = Number.isFinite(maxRun);
  const runs = tracked ? maxRun : 1;
  const index = (mask: number, last: number, run: number) => stateIndex(mask, last, tracked ? run : 1, atoms.length, runs);
  const counts: bigint[][] = [];
  const done = new Array<bigint>(rowSize).fill(0n);
  for (let last = -1; last < atoms.length; last++) for (let run = 1; run <= runs; run++) done[index(full, last, run)] = 1n;
  counts.push(done);
  for (let r = 1; r <= length; r++) {
    const below = counts[r - 1]!;
    const row = new Array<bigint>(rowSize).fill(0n);
    for (let mask = 0; mask <= full; mask++) {
      for (let last = -1; last < atoms.length; last++) {
        for (let run = 1; run <= runs; run++) {
          row[index(mask, last, run)] = completionsFrom(below, { mask, last, run }, { atoms, atomMasks, tracked, maxRun, index });
        }
      }
    }
    counts.push(row);
  }
  return counts;
}

type Walk = {
  atoms: string[][];
  atomMasks: number[];
  tracked: boolean;
  maxRun: number;
  index: (mask: number, last: number, run: number) => number;
};

/** The choices from a state, in a fixed order, with how many characters each stands for. */
export function* choicesFrom(
  state: { mask: number; last: number; run: number },
  walk: Walk,
): Generator<{ next: { mask: number; last: number; run: number }; chars: number; atom: number; repeat: boolean }> {
  const { mask, last, run } = state;
  // The last character once more (its atom's sets are met already).
  if (walk.tracked && last >= 0 && run < walk.maxRun) yield { next: { mask, last, run: run + 1 }, chars: 1, atom: last, repeat: true };
  for (let a = 0; a < walk.atoms.length; a++) {
    // Without run tracking, "another character of the same atom" includes the same character.
    const chars = walk.atoms[a]!.length - (walk.tracked && a === last ? 1 : 0);
    if (chars > 0) yield { next: { mask: mask | walk.atomMasks[a]!, last: a, run: 1 }, chars, atom: a, repeat: false };
  }
}

function completionsFrom(below: bigint[], state: { mask: number; last: number; run: number }, walk: Walk): bigint {
  let total = 0n;
  for (const choice of choicesFrom(state, walk)) {
    const n = below[walk.index(choice.next.mask, choice.next.last, choice.next.run)]!;
    if (n !== 0n) total += BigInt(choice.chars) * n;
  }
  return total;
}

/** The walk over a finished plan, for the generator. */
export function walkOf(plan: RulePlan): Walk {
  const tracked = Number.isFinite(plan.maxRun);
  const runs = tracked ? plan.maxRun : 1;
  return {
    atoms: plan.atoms,
    atomMasks: plan.atomMasks,
    tracked,
    maxRun: plan.maxRun,
    index: (mask, last, run) => stateIndex(mask, last, tracked ? run : 1, plan.atoms.length, runs),
  };
}

/** log2 of the number of passwords the plan draws from: the password's entropy in bits. */
export function planBits(plan: RulePlan): number {
  return log2BigInt(plan.counts[plan.length]![walkOf(plan).index(0, -1, 1)]!);
}
