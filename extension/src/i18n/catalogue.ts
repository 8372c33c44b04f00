// The message catalogue's shape and Chrome's message format (developer.chrome.com/docs/extensions/
// reference/api/i18n#message-format), in plain functions: the same rules the browser applies, so a
// test (or a page without chrome.i18n) reads a catalogue exactly as the extension will.
// The English catalogue, public/_locales/en/messages.json, is the source of every key and its type.
import type english from '../../public/_locales/en/messages.json';

/** One entry of a messages.json: the text, and what its `$NAME$` placeholders stand for. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, CatalogueEntry>;

type AllKeys = Extract<keyof typeof english, string>;
/** A plural message is a family of keys `base__one`, `base__other`, … (CLDR plural categories). */
export type PluralKey = AllKeys extends infer K ? (K extends `${infer Base}__other` ? Base : never) : never;
/** Every key that is one message (not a form of a plural). */
export type MessageKey = Exclude<AllKeys, `${string}__${PluralCategory}`>;
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** Up to nine substitutions, like chrome.i18n.getMessage. */
export type Substitutions = readonly (string | number)[];

/** The separator between a plural message's base key and its category. */
export const PLURAL_SEPARATOR = '__';

/**
 * The text of one entry with its substitutions, as Chrome makes it: `$NAME$` placeholders become their
 * `content` (case-insensitive names), then `$1`…`$9` become the substitutions, `$$` a dollar sign.
 */
export function formatEntry(entry: CatalogueEntry, substitutions: Substitutions = []): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const withPlaceholders = entry.message.replace(/\$([a-zA-Z0-9_@]+)\$/g, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole);
  return withPlaceholders.replace(/\$(\$|[1-9])/g, (_whole, which: string) => {
    if (which === '$') return '$';
    const value = substitutions[Number(which) - 1];
    return value === undefined ? '' : String(value);
  });
}

/** The `$NAME$` placeholders a message uses, lower-cased and sorted (what every locale must keep). */
export function placeholderNames(entry: CatalogueEntry): string[] {
  return [...new Set([...entry.message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();
}
