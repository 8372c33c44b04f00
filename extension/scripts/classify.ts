// `npm run classify -w extension -- FILE.html ...`: classifies the fields of each HTML file with the
// same classifyDocument the content script runs, printing one JSON line per file:
// {"file": "...", "fields": [{"index": 0, "id": "...", "name": "...", "kind": "username" | ... | null}],
//  "forms": [{"index": 0, "id": "...", "name": "...", "kind": "login" | "signup" | ... | "other"}]}
// (`forms`: each <form> of the page in document order, with what the detector took it for).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classifyPage } from '../src/autofill/detect/classify-document';
import { parseHtml } from '../src/autofill/detect/node/parse-html';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run classify -w extension -- FILE.html [FILE.html ...]');
  process.exit(2);
}

// npm runs workspace scripts inside the workspace folder; paths are meant from where the user typed them.
const base = process.env.INIT_CWD ?? process.cwd();
let failures = 0;
for (const file of files) {
  let html: string;
  try {
    html = readFileSync(resolve(base, file), 'utf8');
  } catch (error) {
    console.error(`classify: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    failures += 1;
    continue;
  }
  const { document } = parseHtml(html);
  const { fields, forms } = classifyPage(document);
  console.log(JSON.stringify({ file, fields, forms }));
}
process.exit(failures > 0 ? 1 : 0);
