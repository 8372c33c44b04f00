// `npm run import-file -w shared -- FILE [--format NAME] [--password P] [--key-file F] [--map target=Column,...] [--reveal]`:
// runs the importers outside the browser and prints one JSON line per item, then a summary line.
// --password opens a Bitwarden password-protected export or a KeePass database, --key-file gives a
// KeePass key file (a password on the command line lands in the shell history: use a throwaway
// copy of the file, or read it from a variable). Secret values are printed only with --reveal.
// Exit codes: 0 imported, 1 file refused (a missing password included), 2 usage.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { detectFormat } from '../src/import/detect-format';
import { parseColumnMapping } from '../src/import/formats/generic-csv';
import { isImportError } from '../src/import/import-error';
import { IMPORT_FORMAT_IDS, isImportFormatId, parseImportFile } from '../src/import/registry';
import { summarizeItem, summarizeResult } from '../src/import/summarize';

const USAGE = `Usage: import-file FILE [--format ${IMPORT_FORMAT_IDS.join('|')}] [--password P] [--key-file F] [--map name=Col,url=Col,...] [--reveal]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      map: { type: 'string' },
      password: { type: 'string' },
      'key-file': { type: 'string' },
      reveal: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) return usage(USAGE);
  // npm runs workspace scripts in shared/; INIT_CWD is where the user typed the command.
  const here = process.env['INIT_CWD'] ?? process.cwd();
  const bytes = new Uint8Array(readFileSync(resolve(here, file)));
  const keyFile = values['key-file'] === undefined ? undefined : new Uint8Array(readFileSync(resolve(here, values['key-file'])));
  const format = values.format ?? detectFormat(basename(file), bytes);
  if (format === null) return usage(`Cannot tell the format of ${basename(file)}; give --format.\n${USAGE}`);
  if (!isImportFormatId(format)) return usage(`Unknown format "${format}".\n${USAGE}`);
  try {
    const mapping = values.map === undefined ? undefined : parseColumnMapping(values.map);
    const result = await parseImportFile(format, bytes, { mapping, password: values.password, keyFile });
    for (const item of result.items) process.stdout.write(`${JSON.stringify(summarizeItem(item, { reveal: values.reveal }))}\n`);
    process.stdout.write(`${JSON.stringify({ format, ...summarizeResult(result) })}\n`);
    return 0;
  } catch (error) {
    if (!isImportError(error)) throw error;
    process.stderr.write(`${JSON.stringify({ format, error: error.detail.code, message: error.message })}\n`);
    return 1;
  }
}

function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

process.exitCode = await main();
