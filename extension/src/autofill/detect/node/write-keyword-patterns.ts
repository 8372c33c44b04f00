// Node-only: regenerates keyword-patterns.ts from the keyword tables, after keywords.ts changes.
//   npx tsx extension/src/autofill/detect/node/write-keyword-patterns.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileKeywords, renderPatternsModule } from '../compile-keywords';
import { KEYWORDS } from '../keywords';

const target = fileURLToPath(new URL('../keyword-patterns.ts', import.meta.url));
writeFileSync(target, renderPatternsModule(compileKeywords(KEYWORDS)));
console.log(`wrote ${target}`);
