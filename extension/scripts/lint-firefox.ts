// `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint) over the Firefox MV3 build, strict.
// web-ext exits 0 on warnings; here any error, notice or warning fails, except the one warning that
// is not ours: Preact's renderer assigns innerHTML for `dangerouslySetInnerHTML`, which Keyhold
// never uses (its source has no such prop: checked below). Each allowed finding is matched by its
// code AND by the code at its position, so a second innerHTML of our own in the same chunk fails.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Finding = { code: string; message: string; file?: string; line?: number; column?: number };
type Report = { errors: Finding[]; warnings: Finding[]; notices: Finding[] };

const extensionRoot = join(import.meta.dirname, '..');
const build = join(extensionRoot, '.output', 'firefox-mv3');
if (!existsSync(join(build, 'manifest.json'))) {
  console.error(`No Firefox build in ${build}: run \`npm run build -w @keyhold/extension\` first.`);
  process.exit(1);
}

/** The source around a finding, for telling Preact's assignment from any other. */
function around(finding: Finding, radius = 200): string {
  if (!finding.file || !finding.line) return '';
  const line = readFileSync(join(build, finding.file), 'utf8').split('\n')[finding.line - 1] ?? '';
  const at = finding.column ?? 0;
  return line.slice(Math.max(0, at - radius), at + radius);
}

const isPreactInnerHtml = (f: Finding) => f.code === 'UNSAFE_VAR_ASSIGNMENT' && /dangerouslySetInnerHTML/.test(around(f)) && /__html/.test(around(f));

function ourSourceUsesDangerousHtml(): boolean {
  const out = execFileSync('grep', ['-rl', '--include=*.tsx', '--include=*.ts', 'dangerouslySetInnerHTML', join(extensionRoot, 'src')], {
    encoding: 'utf8',
  }).trim();
  return out.length > 0;
}

let raw: string;
try {
  raw = execFileSync('npx', ['web-ext', 'lint', '--source-dir', build, '--self-hosted', '--output', 'json', '--no-input'], {
    cwd: extensionRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
} catch (error) {
  // web-ext exits non-zero on errors; its JSON report is still on stdout.
  raw = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(raw) as Report;
const findings = [...report.errors, ...report.warnings, ...report.notices];
let usesDangerousHtml = false;
try {
  usesDangerousHtml = ourSourceUsesDangerousHtml();
} catch {
  // grep exits 1 when nothing matches: the expected case.
}
const allowed = usesDangerousHtml ? [] : findings.filter(isPreactInnerHtml);
const rest = findings.filter((f) => !allowed.includes(f));

for (const f of allowed)
  console.log(`allowed: ${f.code} in ${f.file}:${f.line}:${f.column} (Preact's dangerouslySetInnerHTML support, unused by Keyhold)`);
for (const f of rest) console.error(`${f.code}: ${f.message} (${f.file ?? 'manifest'}${f.line ? `:${f.line}:${f.column}` : ''})`);
if (rest.length > 0) {
  console.error(`web-ext lint: ${rest.length} finding(s) in the Firefox build. Fix them, or explain in this script why one is not ours.`);
  process.exit(1);
}
console.log(`web-ext lint: the Firefox MV3 build is clean (${allowed.length} known finding(s) in Preact).`);
