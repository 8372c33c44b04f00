// Classification must not depend on layout (visibility is checked at fill time): detection may not
// call any API that computes style or geometry. Each such API throws here; the whole corpus must pass.
import { describe, expect, it } from 'vitest';
import { classifyDocument } from '../../../src/autofill/detect/classify-document';
import { hasCandidateFields } from '../../../src/autofill/detect/has-candidate-fields';
import { fixtureNames, loadFixture } from './corpus';

const METHODS: [string, string][] = [
  ['Element', 'getBoundingClientRect'],
  ['Element', 'getClientRects'],
  ['Element', 'checkVisibility'],
  ['Element', 'scrollIntoView'],
  ['Document', 'elementFromPoint'],
  ['Document', 'elementsFromPoint'],
];
const GETTERS: [string, string][] = [
  ['HTMLElement', 'offsetWidth'],
  ['HTMLElement', 'offsetHeight'],
  ['HTMLElement', 'offsetTop'],
  ['HTMLElement', 'offsetLeft'],
  ['HTMLElement', 'offsetParent'],
  ['HTMLElement', 'innerText'],
  ['Element', 'clientWidth'],
  ['Element', 'clientHeight'],
  ['Element', 'scrollHeight'],
];

function forbidLayout(window: Window): void {
  const scope = window as unknown as Record<string, { prototype: object }>;
  const thrower = (what: string) => () => {
    throw new Error(`layout API used during detection: ${what}`);
  };
  for (const [owner, name] of METHODS) {
    Object.defineProperty(scope[owner]!.prototype, name, { value: thrower(`${owner}.${name}`), configurable: true });
  }
  for (const [owner, name] of GETTERS) {
    Object.defineProperty(scope[owner]!.prototype, name, { get: thrower(`${owner}.${name}`), configurable: true });
  }
  Object.defineProperty(window, 'getComputedStyle', { value: thrower('getComputedStyle'), configurable: true });
}

describe('detection never touches layout', () => {
  it('the forbidden APIs really throw once forbidden', () => {
    const { window, document } = loadFixture(fixtureNames()[0]!);
    forbidLayout(window);
    const input = document.querySelector('input')!;
    expect(() => input.getBoundingClientRect()).toThrow(/layout API/);
    expect(() => (input as HTMLElement).offsetWidth).toThrow(/layout API/);
    expect(() => window.getComputedStyle(input)).toThrow(/layout API/);
  });

  it.each(fixtureNames())('%s', (name) => {
    const { window, document } = loadFixture(name);
    forbidLayout(window);
    expect(() => {
      hasCandidateFields(document);
      classifyDocument(document);
    }).not.toThrow();
  });
});
