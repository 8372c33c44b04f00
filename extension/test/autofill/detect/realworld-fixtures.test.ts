// Forms cut from real websites' pages (test/fixtures/realworld-forms, Formasaurus, MIT): each
// guards one rule that the real-world benchmark (bench/suites/detect-realworld.ts) showed missing.
// The same exact-match rule as the project's own fixture corpus; the file name's first word says
// what the form holding the credential fields must be taken for.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyDocument } from '../../../src/autofill/detect/classify-document';
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import { parseHtml } from '../../../src/autofill/detect/node/parse-html';
import type { FormKind } from '../../../src/autofill/detect/types';
import { parseExpectation } from './corpus';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'realworld-forms');
const names = readdirSync(DIR)
  .filter((file) => file.endsWith('.html'))
  .sort();
const FORM_KIND: Record<string, FormKind> = { login: 'login', signup: 'signup', recovery: 'reset' };

function load(name: string) {
  const { html, expected } = parseExpectation(readFileSync(join(DIR, name), 'utf8'), name);
  return { document: parseHtml(html).document, expected };
}

describe('real-world regression fixtures', () => {
  it('has fixtures, each named after the kind of its form', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) expect(Object.keys(FORM_KIND)).toContain(name.split('-')[0]);
  });

  it.each(names)('%s', (name) => {
    const { document, expected } = load(name);
    const fields = classifyDocument(document);
    const got = fields.map((field) => `${field.index} ${field.name || field.id}: ${field.kind}`);
    const want = fields.map((field) => `${field.index} ${field.name || field.id}: ${expected.get(field.index) ?? null}`);
    expect(got).toEqual(want);
  });

  it.each(names)('form context of %s', (name) => {
    const { document, expected } = load(name);
    // Some cuts hold a second form beside the one they show (a login next to its recovery form).
    const kinds = detectFields(document)
      .filter((_, index) => expected.has(index))
      .map((field) => field.form.kind);
    expect(kinds).toContain(FORM_KIND[name.split('-')[0]!]);
  });
});
