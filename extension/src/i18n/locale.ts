// How a document shows Keyhold's language: `lang` and `dir` follow the catalogue the browser picked
// (the words on screen), while dates and numbers follow the browser's UI language (./format.ts).
import { catalogueLocale, RTL_LANGUAGES } from './messages';

export type TextDirection = 'ltr' | 'rtl';

export function directionOf(locale: string): TextDirection {
  const language = locale.toLowerCase().split(/[-_]/)[0]!;
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/** `lang` and `dir` for an element that holds Keyhold's words (a page's <html>, a shadow root's host). */
export function localeAttributes(): { lang: string; dir: TextDirection } {
  const lang = catalogueLocale();
  return { lang, dir: directionOf(lang) };
}

/** Sets `lang` and `dir` on an extension page before its first render. */
export function applyDocumentLocale(root: HTMLElement = document.documentElement): void {
  const { lang, dir } = localeAttributes();
  root.lang = lang;
  root.dir = dir;
}
