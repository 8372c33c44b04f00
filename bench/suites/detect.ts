// Autofill field detection: per-kind precision and recall over the fixture corpus
// (extension/test/fixtures/forms), and detection time on a generated 5,000-node page with one login
// form, under jsdom. The browser figure for the same page comes from the autofill bench (real Chromium).
import { percentile, report } from '../lib/report';
import { classifyDocument } from '../../extension/src/autofill/detect/classify-document';
import { detectFields } from '../../extension/src/autofill/detect/detect-fields';
import { hasCandidateFields } from '../../extension/src/autofill/detect/has-candidate-fields';
import { parseHtml } from '../../extension/src/autofill/detect/node/parse-html';
import type { FieldKind } from '../../extension/src/autofill/detect/types';
import { FIELD_KINDS, fixtureNames, loadFixture } from '../../extension/test/autofill/detect/corpus';

const RUNS = 101;

function scoreCorpus(): Record<string, number> {
  const counts = new Map(FIELD_KINDS.map((kind) => [kind, { truePositive: 0, falsePositive: 0, falseNegative: 0 }]));
  let fields = 0;
  let correct = 0;
  const names = fixtureNames();
  for (const name of names) {
    const fixture = loadFixture(name);
    for (const field of classifyDocument(fixture.document)) {
      const expected: FieldKind | null = fixture.expected.get(field.index) ?? null;
      fields += 1;
      if (field.kind === expected) correct += 1;
      if (field.kind !== null && field.kind === expected) counts.get(field.kind)!.truePositive += 1;
      if (field.kind !== null && field.kind !== expected) counts.get(field.kind)!.falsePositive += 1;
      if (expected !== null && field.kind !== expected) counts.get(expected)!.falseNegative += 1;
    }
  }
  const metrics: Record<string, number> = {};
  for (const [kind, { truePositive, falsePositive, falseNegative }] of counts) {
    const key = kind.replace('-', '_');
    // With nothing predicted (or nothing expected) there is nothing wrong: 1 by convention.
    metrics[`${key}_precision`] = truePositive + falsePositive === 0 ? 1 : truePositive / (truePositive + falsePositive);
    metrics[`${key}_recall`] = truePositive + falseNegative === 0 ? 1 : truePositive / (truePositive + falseNegative);
    metrics[`${key}_expected`] = truePositive + falseNegative;
  }
  return { fixtures: names.length, fields, accuracy: correct / fields, ...metrics };
}

const LOGIN_FORM =
  '<aside><form action="/login" method="post"><h2>Sign in</h2><label for="u">Email</label><input id="u" type="email" name="email">' +
  '<label for="p">Password</label><input id="p" type="password" name="password"><label><input type="checkbox"> Remember me</label>' +
  '<button type="submit">Sign in</button><a href="/forgot">Forgot password?</a></form></aside>';
// The same sign-in box as a single-page app renders it: no <form>, a div for a button.
const FORMLESS_LOGIN =
  '<aside><div class="login"><h2>Sign in</h2><div><input placeholder="Email"></div><div><input type="password" placeholder="Password">' +
  '</div><div role="button" tabindex="0">Sign in</div></div></aside>';

/** A news-like page of about `elements` elements with `extra` (a sign-in box) in its sidebar. */
function generatedPage(elements: number, extra: string): string {
  const parts = ['<header><nav>'];
  for (let i = 0; i < 20; i += 1) parts.push(`<a href="/section/${i}">Section ${i}</a>`);
  parts.push('</nav><form role="search"><input type="search" name="q" aria-label="Search"></form></header><main>');
  for (let i = 0, count = 30; count < elements - 20; i += 1, count += 8) {
    parts.push(
      `<article class="card c${i}"><h3>Story ${i}</h3><p>Lead text <b>bold</b> and <a href="/s/${i}">more</a></p>` +
        `<div class="meta"><span>${i} min</span><button type="button">Save</button></div></article>`,
    );
  }
  parts.push(extra);
  parts.push('</main>');
  return `<!DOCTYPE html><html><head><title>Daily news</title></head><body>${parts.join('')}</body></html>`;
}

function timings(run: () => unknown): number[] {
  for (let i = 0; i < 10; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples;
}

function pageWithLogin(extra: string): Document {
  const document = parseHtml(generatedPage(5_000, extra)).document;
  const kinds = detectFields(document).map((field) => field.kind);
  if (!kinds.includes('current-password')) throw new Error(`login form not detected: ${kinds.join(',')}`);
  return document;
}

const withLogin = pageWithLogin(LOGIN_FORM);
const withFormlessLogin = pageWithLogin(FORMLESS_LOGIN);
const withoutFields = parseHtml(generatedPage(5_000, '').replace(/<form role="search">.*?<\/form>/, '')).document;
if (hasCandidateFields(withoutFields)) throw new Error('the page without fields has candidate fields');

const detect = timings(() => detectFields(withLogin));
report('detect', {
  ...scoreCorpus(),
  page_elements: withLogin.querySelectorAll('*').length,
  detect_ms: percentile(detect, 50),
  detect_p95_ms: percentile(detect, 95),
  detect_formless_ms: percentile(
    timings(() => detectFields(withFormlessLogin)),
    50,
  ),
  precheck_no_fields_ms: percentile(
    timings(() => hasCandidateFields(withoutFields)),
    50,
  ),
});
