// The pre-check that keeps pages without credential fields almost free.
import { describe, expect, it } from 'vitest';
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import { hasCandidateFields } from '../../../src/autofill/detect/has-candidate-fields';
import { page } from './page';

function bigPageWithout(inputs: string, elements = 20_000): Document {
  const block = '<div class="card"><h3>Title</h3><p>Some <b>text</b> and <a href="#">a link</a></p><span>meta</span><button>Like</button></div>';
  return page(block.repeat(Math.ceil(elements / 7)) + inputs);
}

describe('hasCandidateFields', () => {
  it('is false, quickly, on a big page with no inputs: one query and one walk, nothing read per element', () => {
    const document = bigPageWithout('');
    expect(document.querySelectorAll('*').length).toBeGreaterThan(20_000);
    const prototype = document.defaultView!.Element.prototype;
    const reads = { getAttribute: 0, hasAttribute: 0, querySelectorAll: 0 };
    for (const name of Object.keys(reads) as (keyof typeof reads)[]) {
      const original = prototype[name] as (...args: unknown[]) => unknown;
      Object.defineProperty(prototype, name, {
        configurable: true,
        value(this: Element, ...args: unknown[]) {
          reads[name] += 1;
          return original.apply(this, args);
        },
      });
    }
    const samples: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      expect(hasCandidateFields(document)).toBe(false);
      samples.push(performance.now() - started);
    }
    expect(reads).toEqual({ getAttribute: 0, hasAttribute: 0, querySelectorAll: 0 });
    // ~10 ms in jsdom for 20,000 elements on this machine; the bound only catches a change in kind.
    expect(Math.min(...samples)).toBeLessThan(250);
    expect(detectFields(document)).toEqual([]);
  }, 30_000);

  it('is false when the only inputs are hidden, checkboxes, buttons or dates', () => {
    const document = page('<form><input type="hidden" name="password"><input type="checkbox"><input type="submit"><input type="date"></form>');
    expect(hasCandidateFields(document)).toBe(false);
  });

  it('is true for a text, email, tel, number or password input', () => {
    for (const type of ['', 'text', 'email', 'tel', 'number', 'password', 'unknown-type']) {
      expect(hasCandidateFields(page(`<input type="${type}">`)), type).toBe(true);
    }
  });

  it('finds inputs that exist only inside open shadow roots', () => {
    const document = bigPageWithout('<x-login id="host"></x-login>', 2_000);
    expect(hasCandidateFields(document)).toBe(false);
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<input type="password">';
    expect(hasCandidateFields(document)).toBe(true);
  }, 30_000);

  it('can be asked about a subtree or a single input', () => {
    const document = page('<div id="a"><p>text</p></div><div id="b"><input id="i"></div>');
    expect(hasCandidateFields(document.getElementById('a')!)).toBe(false);
    expect(hasCandidateFields(document.getElementById('b')!)).toBe(true);
    expect(hasCandidateFields(document.getElementById('i')!)).toBe(true);
  });
});
