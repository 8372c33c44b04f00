// `npm run classify -w extension -- FILE.html ...` prints one JSON line per file, from the same
// classifyDocument the content script runs.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyDocument, classifyPage } from '../../../src/autofill/detect/classify-document';
import { FIXTURES_DIR, loadFixture } from './corpus';

const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function classify(...files: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/classify.ts', ...files], {
    cwd: extensionDir,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: FIXTURES_DIR },
  });
}

describe('classify CLI', () => {
  it('prints one line per file, in the documented shape, equal to classifyDocument', () => {
    const names = ['login-wordpress.html', 'change-password-three-fields.html'];
    const run = classify(...names);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const [i, line] of lines.entries()) {
      const parsed = JSON.parse(line) as { file: string; fields: unknown[]; forms: unknown[] };
      expect(Object.keys(parsed)).toEqual(['file', 'fields', 'forms']);
      expect(parsed.file).toBe(names[i]);
      for (const field of parsed.fields) expect(Object.keys(field as object)).toEqual(['index', 'id', 'name', 'kind']);
      expect(parsed.fields).toEqual(classifyDocument(loadFixture(names[i]!).document));
      for (const form of parsed.forms) expect(Object.keys(form as object)).toEqual(['index', 'id', 'name', 'kind']);
      expect(parsed.forms).toEqual(classifyPage(loadFixture(names[i]!).document).forms);
    }
    // Each <form> of the page, with what it was taken for.
    expect(JSON.parse(lines[0]!).forms.map((form: { kind: string }) => form.kind)).toEqual(['login']);
    expect(JSON.parse(lines[1]!).forms.map((form: { kind: string }) => form.kind)).toEqual(['change-password']);
    expect(JSON.parse(lines[1]!).fields.map((field: { kind: string }) => field.kind)).toContain('new-password');
  }, 30_000);

  it('reports an unreadable file on stderr, still prints the others, and exits 1', () => {
    const run = classify('does-not-exist.html', 'login-wordpress.html');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('does-not-exist.html');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});
