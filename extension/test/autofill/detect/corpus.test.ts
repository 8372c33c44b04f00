// Every fixture of the corpus, classified exactly as the classify CLI and the content script do,
// must match the classification it states. No tolerance: a miss is a bug or a wrong fixture.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyDocument } from '../../../src/autofill/detect/classify-document';
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import type { FormKind } from '../../../src/autofill/detect/types';
import { parseHtml } from '../../../src/autofill/detect/node/parse-html';
import { FIELD_KINDS, FIXTURES_DIR, fixtureNames, loadFixture, readExpectation } from './corpus';

const names = fixtureNames();

describe('fixture corpus', () => {
  it('has at least 150 forms, and every kind is expected somewhere', () => {
    expect(names.length).toBeGreaterThanOrEqual(150);
    const seen = new Set(names.flatMap((name) => [...readExpectation(name).values()]));
    expect([...seen].sort()).toEqual([...FIELD_KINDS].sort());
  });

  it('covers the page shapes of the issue', () => {
    const prefixes = [
      'login-',
      'login-email-first-step',
      'password-only',
      'pin-',
      'change-password-',
      'signup-with-confirm',
      'login-and-signup-',
      'formless-',
      'shadow-',
      '2fa-',
      'lookalike-search',
      'lookalike-newsletter',
      'lookalike-coupon',
      'lookalike-shipping-address',
      'lookalike-payment',
      'reset-',
    ];
    for (const prefix of prefixes)
      expect(
        names.some((name) => name.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it.each(names)('%s', (name) => {
    const fixture = loadFixture(name);
    const fields = classifyDocument(fixture.document);
    for (const index of fixture.expected.keys()) expect(index, 'expected index beyond the last field').toBeLessThan(fields.length);
    const got = fields.map((field) => `${field.index} ${field.name || field.id}: ${field.kind}`);
    const want = fields.map((field) => `${field.index} ${field.name || field.id}: ${fixture.expected.get(field.index) ?? null}`);
    expect(got).toEqual(want);
  });

  // The file name says what the page is; the form holding its credential fields must say the same.
  const FORM_KIND_BY_PREFIX: [string, FormKind[]][] = [
    ['login-and-signup-', ['login', 'signup']],
    ['signup-phone-verification', ['2fa']],
    ['login-', ['login']],
    ['formless-login-', ['login']],
    ['pin-', ['login']],
    ['password-', ['login']],
    ['signup-', ['signup']],
    ['change-password-', ['change-password']],
    ['reset-', ['reset', 'change-password']],
    ['2fa-', ['2fa']],
    ['lookalike-search-', ['search']],
    ['lookalike-newsletter-', ['newsletter']],
  ];

  it.each(names.filter((name) => FORM_KIND_BY_PREFIX.some(([prefix]) => name.startsWith(prefix))))('form context of %s', (name) => {
    const [, allowed] = FORM_KIND_BY_PREFIX.find(([prefix]) => name.startsWith(prefix))!;
    const fixture = loadFixture(name);
    const fields = detectFields(fixture.document);
    const credentialForms = fields.filter((field, index) => fixture.expected.has(index)).map((field) => field.form.kind);
    const firstInput = fields.find((field) => field.element.localName === 'input');
    const kinds = credentialForms.length > 0 ? credentialForms : [firstInput?.form.kind];
    for (const kind of kinds) expect(allowed).toContain(kind);
  });

  it('never reads comments: leaving the expectation in the page changes nothing', () => {
    // Every 10th fixture: enough kinds of page, and cheap (each is parsed twice).
    for (const name of names.filter((_, index) => index % 10 === 0)) {
      const raw = readFileSync(join(FIXTURES_DIR, name), 'utf8');
      const withComment = classifyDocument(parseHtml(raw).document);
      expect(withComment).toEqual(classifyDocument(loadFixture(name).document));
    }
  }, 30_000);
});
