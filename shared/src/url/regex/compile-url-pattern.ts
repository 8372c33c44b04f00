/**
 * Compiles a user's URL regular expression into an automaton that decides a match in time linear in
 * the URL's length, whatever the pattern (Thompson construction, simulated state-set by state-set:
 * https://swtch.com/~rsc/regexp/regexp1.html). The pattern always has to match the whole URL, as if
 * written `^(?:pattern)$`, and letters match regardless of case, as with the RegExp `i` flag.
 *
 * Work is bounded three ways: the pattern's length (parse-url-pattern.ts), the number of automaton
 * states, and the length of the URL tested.
 */
import { parseUrlPattern } from './parse-url-pattern';
import type { CharClass, PatternNode, UrlPatternError } from './parse-url-pattern';

export type { UrlPatternError } from './parse-url-pattern';

export type UrlPattern = { matches(url: string): boolean };

export type CompileUrlPatternResult = { ok: true; pattern: UrlPattern } | { ok: false; reason: UrlPatternError };

export const MAX_AUTOMATON_STATES = 4096;
/** URLs longer than this never match a regex rule (browsers cap URLs near 2 MB; login pages do not need that). */
export const MAX_MATCHED_URL_LENGTH = 8192;

type State = { kind: 'char'; test: (code: number) => boolean; out: number } | { kind: 'split'; out1: number; out2: number } | { kind: 'match' };

class TooComplexError extends Error {}

export function compileUrlPattern(source: string): CompileUrlPatternResult {
  const parsed = parseUrlPattern(source);
  if (!parsed.ok) return parsed;
  let automaton: { states: readonly State[]; start: number };
  try {
    automaton = buildAutomaton(parsed.node);
  } catch (error) {
    if (error instanceof TooComplexError) return { ok: false, reason: 'too-complex' };
    throw error;
  }
  return { ok: true, pattern: { matches: (url) => runAutomaton(automaton, url) } };
}

function buildAutomaton(root: PatternNode): { states: readonly State[]; start: number } {
  const states: State[] = [];
  const add = (state: State): number => {
    if (states.length >= MAX_AUTOMATON_STATES) throw new TooComplexError();
    states.push(state);
    return states.length - 1;
  };

  // Builds `node` so that it continues into state `next`; returns the state where `node` starts.
  function build(node: PatternNode, next: number): number {
    switch (node.type) {
      case 'char':
        return add({ kind: 'char', test: compileClass(node.cls), out: next });
      case 'seq':
        return node.items.reduceRight((continuation, item) => build(item, continuation), next);
      case 'alt':
        return node.options.map((option) => build(option, next)).reduce((either, other) => add({ kind: 'split', out1: either, out2: other }));
      case 'repeat': {
        let tail = next;
        if (node.max === Infinity) {
          const loop = add({ kind: 'split', out1: -1, out2: next });
          (states[loop] as { out1: number }).out1 = build(node.node, loop);
          tail = loop;
        } else {
          for (let i = node.min; i < node.max; i += 1) {
            tail = add({ kind: 'split', out1: build(node.node, tail), out2: next });
          }
        }
        for (let i = 0; i < node.min; i += 1) tail = build(node.node, tail);
        return tail;
      }
    }
  }

  const accept = add({ kind: 'match' });
  return { states, start: build(root, accept) };
}

function runAutomaton(automaton: { states: readonly State[]; start: number }, url: string): boolean {
  if (url.length > MAX_MATCHED_URL_LENGTH) return false;
  const { states } = automaton;
  const addedInStep = new Int32Array(states.length).fill(-1);

  // Adds `from` and every state reachable from it without consuming a character.
  const addClosure = (list: number[], from: number, step: number): void => {
    const pending = [from];
    while (pending.length > 0) {
      const index = pending.pop() as number;
      if (addedInStep[index] === step) continue;
      addedInStep[index] = step;
      const state = states[index] as State;
      if (state.kind === 'split') pending.push(state.out2, state.out1);
      else list.push(index);
    }
  };

  let current: number[] = [];
  addClosure(current, automaton.start, 0);
  for (let i = 0; i < url.length && current.length > 0; i += 1) {
    const code = url.charCodeAt(i);
    const next: number[] = [];
    for (const index of current) {
      const state = states[index] as State;
      if (state.kind === 'char' && state.test(code)) addClosure(next, state.out, i + 1);
    }
    current = next;
  }
  return current.some((index) => states[index]?.kind === 'match');
}

function compileClass(cls: CharClass): (code: number) => boolean {
  const inUnion = (code: number): boolean => cls.sets.some((set) => set.ranges.some(([low, high]) => code >= low && code <= high) !== set.negated);
  // Case-insensitive like the RegExp `i` flag, restricted to ASCII letters: URLs are ASCII once parsed.
  const matches = (code: number): boolean => (inUnion(code) || inUnion(otherCase(code))) !== cls.negated;
  // URLs are ASCII, so a lookup table answers almost every test.
  const ascii = new Uint8Array(128).map((_, code) => (matches(code) ? 1 : 0));
  return (code) => (code < 128 ? ascii[code] === 1 : matches(code));
}

function otherCase(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code >= 0x61 && code <= 0x7a) return code - 0x20;
  return code;
}
