// Loads the fixture corpus (test/fixtures/forms/*.html). Each fixture states its expected
// classification in a leading comment `<!-- expect: {"0": "username", "1": "current-password"} -->`
// keyed by field index (unlisted fields are expected null). The comment is removed before parsing,
// so the detector could not read it even if it looked at comments (it does not).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHtml } from '../../../src/autofill/detect/node/parse-html';
import type { FieldKind } from '../../../src/autofill/detect/types';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'forms');

const EXPECT_COMMENT = /<!--\s*expect:\s*(\{[\s\S]*?\})\s*-->/;
export const FIELD_KINDS: readonly FieldKind[] = ['username', 'email', 'current-password', 'new-password', 'totp'];

export interface Fixture {
  name: string;
  document: Document;
  window: Window;
  expected: Map<number, FieldKind>;
}

export function parseExpectation(html: string, name: string): { html: string; expected: Map<number, FieldKind> } {
  const match = EXPECT_COMMENT.exec(html);
  if (match === null) throw new Error(`${name}: no <!-- expect: {...} --> comment`);
  const raw = JSON.parse(match[1]!) as Record<string, unknown>;
  const expected = new Map<number, FieldKind>();
  for (const [index, kind] of Object.entries(raw)) {
    if (!/^\d+$/.test(index) || !FIELD_KINDS.includes(kind as FieldKind)) {
      throw new Error(`${name}: bad expectation ${index}: ${JSON.stringify(kind)}`);
    }
    expected.set(Number(index), kind as FieldKind);
  }
  return { html: html.replace(match[0], ''), expected };
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.html'))
    .sort();
}

/** The expected kinds of a fixture, without building its DOM. */
export function readExpectation(name: string): Map<number, FieldKind> {
  return parseExpectation(readFileSync(join(FIXTURES_DIR, name), 'utf8'), name).expected;
}

export function loadFixture(name: string): Fixture {
  const { html, expected } = parseExpectation(readFileSync(join(FIXTURES_DIR, name), 'utf8'), name);
  const { document, window } = parseHtml(html);
  return { name, document, window, expected };
}
