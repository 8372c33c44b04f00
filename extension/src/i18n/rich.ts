// A message with markup inside ("Type the <strong>3rd</strong> group…"): the catalogue holds one
// sentence with placeholders, and the parts that carry markup are passed as elements, so a
// translation can move them anywhere in its word order.
import type { ComponentChildren } from 'preact';
import type { MessageKey } from './catalogue';
import { message } from './messages';

const OPEN = '\u{E000}';
const CLOSE = '\u{E001}';

/** `t(key, …)` where each substitution may be an element; returns children for JSX. */
export function tRich(key: MessageKey, ...parts: ComponentChildren[]): ComponentChildren[] {
  const text =
    message(
      key,
      parts.map((_, i) => `${OPEN}${i}${CLOSE}`),
    ) || key;
  return text.split(new RegExp(`${OPEN}(\\d+)${CLOSE}`)).map((piece, i) => (i % 2 === 1 ? parts[Number(piece)] : piece));
}
