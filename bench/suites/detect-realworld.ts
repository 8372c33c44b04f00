// The field detector on forms saved from real websites: the Formasaurus pages of
// ../shared/corpora/realworld-forms (or $KEYHOLD_REALWORLD_FORMS), each classified with the same
// classifyPage (classifyDocument plus form kinds) the classify CLI prints, scored by the corpus's own
// score.mjs. Reported per category as wrong/total, on the whole corpus and on its validation fold (the
// quarter of its sites that rule changes are not tuned on: docs/adr/0009-detector-real-world.md), and the
// detection time per page under jsdom.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile, report } from '../lib/report';
import { classifyPage } from '../../extension/src/autofill/detect/classify-document';
import { parseHtml } from '../../extension/src/autofill/detect/node/parse-html';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = resolve(process.env.KEYHOLD_REALWORLD_FORMS ?? join(repo, '..', 'shared', 'corpora', 'realworld-forms'));

if (!['labels.json', 'score.mjs', 'pages'].every((name) => existsSync(join(corpus, name)))) {
  console.error(
    `bench detect-realworld: no real-world form corpus at ${corpus}.\n` +
      'It is the Formasaurus corpus the project keeps beside the repository in shared/corpora/realworld-forms ' +
      '(pages/, labels.json, score.mjs; see its README). Check out the project with its shared/ folder next to ' +
      'the repository, or point KEYHOLD_REALWORLD_FORMS at a copy of that folder.',
  );
  process.exit(2);
}

interface PageLabels {
  site: string;
}
const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as { files: Record<string, PageLabels> };

/** The validation fold: a quarter of the sites, by hash, so pages of one site never straddle the folds. */
function isValidationSite(site: string): boolean {
  return createHash('sha256').update(`keyhold-fold:${site}`).digest()[0]! % 4 === 0;
}

const pages = readdirSync(join(corpus, 'pages'))
  .filter((name) => name.endsWith('.html'))
  .sort();
const lines: string[] = [];
const times: number[] = [];
for (const name of pages) {
  const { document } = parseHtml(readFileSync(join(corpus, 'pages', name), 'utf8'));
  const started = performance.now();
  const { fields, forms } = classifyPage(document);
  times.push(performance.now() - started);
  lines.push(JSON.stringify({ file: name, fields, forms }));
}

const work = mkdtempSync(join(tmpdir(), 'keyhold-realworld-'));
interface Summary {
  password_wrong: number;
  password_total: number;
  identifier_wrong: number;
  identifier_total: number;
  false_positives: number;
  none_total: number;
  non_account_email_given_kind: number;
  non_account_email_total: number;
  forms_wrong: number;
  forms_total: number;
  identifier_by_form: Record<string, { wrong: number; total: number }>;
}

function score(labelsPath: string, tag: string): Summary {
  const summaryPath = join(work, `${tag}.json`);
  const run = spawnSync(process.execPath, [join(corpus, 'score.mjs'), join(work, 'out.jsonl'), '--labels', labelsPath, '--json', summaryPath], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`score.mjs failed (${run.status}): ${run.stderr}`);
  if (tag === 'all') process.stdout.write(run.stdout);
  return JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary;
}

let all: Summary;
let validation: Summary;
try {
  writeFileSync(join(work, 'out.jsonl'), lines.join('\n') + '\n');
  const validationLabels = Object.fromEntries(Object.entries(labels.files).filter(([, page]) => isValidationSite(page.site)));
  writeFileSync(join(work, 'validation-labels.json'), JSON.stringify({ files: validationLabels }));
  all = score(join(corpus, 'labels.json'), 'all');
  validation = score(join(work, 'validation-labels.json'), 'validation');
} finally {
  rmSync(work, { recursive: true, force: true });
}

const figures = (summary: Summary, prefix: string) => ({
  [`${prefix}password_wrong`]: summary.password_wrong,
  [`${prefix}password_total`]: summary.password_total,
  [`${prefix}identifier_wrong`]: summary.identifier_wrong,
  [`${prefix}identifier_total`]: summary.identifier_total,
  [`${prefix}false_positives`]: summary.false_positives,
  [`${prefix}none_total`]: summary.none_total,
  [`${prefix}forms_wrong`]: summary.forms_wrong,
  [`${prefix}forms_total`]: summary.forms_total,
});

const recovery = all.identifier_by_form['password-recovery'] ?? { wrong: 0, total: 0 };
report('detect-realworld', {
  pages: pages.length,
  ...figures(all, ''),
  recovery_identifier_wrong: recovery.wrong,
  recovery_identifier_total: recovery.total,
  non_account_email_given_kind: all.non_account_email_given_kind,
  non_account_email_total: all.non_account_email_total,
  validation_pages: Object.values(labels.files).filter((page) => isValidationSite(page.site)).length,
  ...figures(validation, 'validation_'),
  detect_realworld_ms_p50: percentile(times, 50),
  detect_realworld_ms_p95: percentile(times, 95),
});
