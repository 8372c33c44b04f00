// `npm run import-file -w shared -- FILE [--format NAME] [--map target=Column,...] [--reveal]`:
// runs the importers outside the browser and prints one JSON line per item, then a summary line.
// Secret values are printed only with --reveal. Exit codes: 0 imported, 1 file refused, 2 usage.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { detectFormat } from '../src/import/detect-format';
import { parseColumnMapping } from '../src/import/formats/generic-csv';
import { isImportError } from '../src/import/import-error';
import { IMPORT_FORMAT_IDS, isImportFormatId, parseImportFile } from '../src/import/registry';
import { summarizeItem, summarizeResult } from '../src/import/summarize';

const USAGE = `Usage: import-file FILE [--format ${IMPORT_FORMAT_IDS.join('|')}] [--map name=Col,url=Col,...] [--reveal]`;

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { format: { type: 'string' }, map: { type: 'string' }, reveal: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) return usage(USAGE);
  // npm runs workspace scripts in shared/; INIT_CWD is where the user typed the command.
  const bytes = new Uint8Array(readFileSync(resolve(process.env['INIT_CWD'] ?? process.cwd(), file)));
  const format = values.format ?? detectFormat(basename(file), bytes);
  if (format === null) return usage(`Cannot tell the format of ${basename(file)}; give --format.\n${USAGE}`);
  if (!isImportFormatId(format)) return usage(`Unknown format "${format}".\n${USAGE}`);
  try {
    const mapping = values.map === undefined ? undefined : parseColumnMapping(values.map);
    const result = parseImportFile(format, bytes, mapping === undefined ? {} : { mapping });
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

process.exitCode = main();
