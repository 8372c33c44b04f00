// Every locale's catalogue has exactly the English catalogue's keys, with the same placeholders, and
// every plural form its language needs (Intl.PluralRules' categories for that locale). Runs over
// whatever locales exist in public/_locales; the fixtures at the end show the check failing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLURAL_SEPARATOR, placeholderNames, type Catalogue } from '../../src/i18n/catalogue';

const LOCALES_DIR = join(import.meta.dirname, '../../public/_locales');
const read = (locale: string) => JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Catalogue;
const locales = readdirSync(LOCALES_DIR).sort();
const english = read('en');

const PLURAL_FORM = /^(.+)__(zero|one|two|few|many|other)$/;

/** What is wrong with one catalogue, compared with the English one (empty when nothing is). */
function problems(catalogue: Catalogue, folder: string, reference: Catalogue = english): string[] {
  const found: string[] = [];
  const locale = folder.replace('_', '-');
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const pluralBases = new Set(Object.keys(reference).flatMap((key) => PLURAL_FORM.exec(key)?.[1] ?? []));
  const expected = new Map<string, string[]>();
  for (const [key, entry] of Object.entries(reference)) {
    const plural = PLURAL_FORM.exec(key);
    if (!plural) expected.set(key, placeholderNames(entry));
    else if (plural[2] === 'other')
      for (const category of categories) expected.set(`${plural[1]}${PLURAL_SEPARATOR}${category}`, placeholderNames(entry));
  }
  for (const key of Object.keys(catalogue)) {
    if (key !== key.toLowerCase() || !/^[a-z0-9_]+$/.test(key)) found.push(`${folder}: key "${key}" must be lower-case letters, digits and _`);
    if (!expected.has(key))
      found.push(`${folder}: extra key "${key}" (not in English${PLURAL_FORM.test(key) ? `, or a plural form ${locale} does not use` : ''})`);
  }
  for (const [key, names] of expected) {
    const entry = catalogue[key];
    if (!entry) {
      found.push(`${folder}: missing "${key}"`);
      continue;
    }
    if (!entry.message.trim()) found.push(`${folder}: "${key}" is empty`);
    const theirs = placeholderNames(entry);
    if (theirs.join() !== names.join()) found.push(`${folder}: "${key}" has placeholders [${theirs.join()}], English has [${names.join()}]`);
    for (const name of theirs)
      if (!entry.placeholders?.[name] && !Object.keys(entry.placeholders ?? {}).some((p) => p.toLowerCase() === name))
        found.push(`${folder}: "${key}" uses $${name}$ without defining it`);
    // A plural form may leave the count ($1) out ("seen once"), in any language; the rest must match.
    const plural = PLURAL_FORM.exec(key);
    const positional = (text: string) =>
      [...new Set(text.match(/\$[1-9]/g) ?? [])]
        .filter((p) => !plural || p !== '$1')
        .sort()
        .join();
    const theirPositional = positional(
      entry.message +
        Object.values(entry.placeholders ?? {})
          .map((p) => p.content)
          .join(' '),
    );
    const source = plural ? reference[`${plural[1]}${PLURAL_SEPARATOR}other`]! : reference[key]!;
    const ourPositional = positional(
      source.message +
        Object.values(source.placeholders ?? {})
          .map((p) => p.content)
          .join(' '),
    );
    if (theirPositional !== ourPositional) found.push(`${folder}: "${key}" substitutes [${theirPositional}], English [${ourPositional}]`);
  }
  if (catalogue.meta_locale?.message !== folder) found.push(`${folder}: meta_locale must be "${folder}"`);
  if (!['lower', 'keep'].includes(catalogue.meta_label_in_sentence?.message ?? 'lower'))
    found.push(`${folder}: meta_label_in_sentence is "lower" or "keep"`);
  // The stores' limits for the manifest's name (45) and description (132 characters).
  if ((catalogue.ext_name?.message.length ?? 0) > 45) found.push(`${folder}: ext_name is longer than 45 characters`);
  if ((catalogue.ext_description?.message.length ?? 0) > 132) found.push(`${folder}: ext_description is longer than 132 characters`);
  for (const base of pluralBases) if (!reference[`${base}__other`]) found.push(`${folder}: plural "${base}" has no "other" form`);
  return found;
}

describe('locale catalogues', () => {
  it('English is the default locale and has a one and an other form for every plural', () => {
    expect(locales).toContain('en');
    expect(problems(english, 'en')).toEqual([]);
    const bases = Object.keys(english).flatMap((key) => PLURAL_FORM.exec(key)?.[1] ?? []);
    for (const base of new Set(bases)) expect([english[`${base}__one`], english[`${base}__other`]].every(Boolean), base).toBe(true);
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s has every English key, the same placeholders, no extra keys', (locale) => {
    expect(problems(read(locale), locale)).toEqual([]);
  });

  it('fails on a missing key, a dropped placeholder, an extra key and a missing plural form', () => {
    const reference: Catalogue = {
      meta_locale: { message: 'en' },
      title: { message: 'Vault' },
      hello: { message: 'Hello, $NAME$', placeholders: { name: { content: '$1' } } },
      items__one: { message: '$1 item' },
      items__other: { message: '$1 items' },
    };
    const polish: Catalogue = {
      meta_locale: { message: 'pl' },
      hello: { message: 'Cześć' },
      stray: { message: 'x' },
      items__one: { message: '$1 element' },
      items__few: { message: '$1 elementy' },
      items__other: { message: '$1 elementu' },
    };
    expect(problems(polish, 'pl', reference)).toEqual([
      'pl: extra key "stray" (not in English)',
      'pl: missing "title"',
      'pl: "hello" has placeholders [], English has [name]',
      'pl: "hello" substitutes [], English [$1]',
      'pl: missing "items__many"',
    ]);
  });
});
