// JSON exports parsed defensively: nesting depth checked by a scan before JSON.parse (a file of a
// million "[" must not take the parser's stack), `__proto__` members dropped by the reviver so no
// later spread or lookup can reach Object.prototype, and a syntax error reported by line and column
// only — V8's own message quotes the text around the error, which would put secrets on screen.
import { ImportError } from './import-error';
import { assertTextSize, stripBom } from './decode-text';
import { IMPORT_LIMITS } from './limits';

export function parseJsonSafely(input: string, maxDepth: number = IMPORT_LIMITS.maxJsonDepth): unknown {
  assertTextSize(input);
  const text = stripBom(input);
  checkDepth(text, maxDepth);
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const position = /position (\d+)/.exec(error.message);
    const offset = position?.[1] !== undefined ? Number(position[1]) : text.length;
    throw new ImportError({ code: 'malformed-json', ...lineAndColumn(text, offset) });
  }
}

/** Throws at the first bracket that opens a level past maxDepth; strings are skipped. */
function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new ImportError({ code: 'json-too-deep', limit: maxDepth, ...lineAndColumn(text, i) });
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
