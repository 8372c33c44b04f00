import { afterEach, describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { formatEntry, type Catalogue } from '../../src/i18n/catalogue';
import { directionOf, localeAttributes } from '../../src/i18n/locale';
import { catalogueLocale, t, tp, useCatalogue } from '../../src/i18n/messages';

const fixture: Catalogue = {
  meta_locale: { message: 'ru' },
  greeting: { message: 'Hello, $NAME$! $$5', placeholders: { name: { content: '$1' } } },
  items__one: { message: '$1 элемент' },
  items__few: { message: '$1 элемента' },
  items__many: { message: '$1 элементов' },
  items__other: { message: '$1 элемента (other)' },
  moved__other: { message: '$1 moved to $2' },
};

afterEach(() => useCatalogue(english));

describe('messages', () => {
  it('fills named placeholders and positional substitutions the way chrome.i18n does', () => {
    expect(formatEntry(fixture.greeting!, ['Ada'])).toBe('Hello, Ada! $5');
    expect(formatEntry({ message: '$1 of $2' }, [3, 9])).toBe('3 of 9');
  });

  it("picks the plural form of the catalogue's language (Russian: one, few, many)", () => {
    useCatalogue(fixture);
    const plural = (n: number) => tp('items' as never, n);
    expect([1, 2, 5, 21, 22, 25, 11].map(plural)).toEqual([
      '1 элемент',
      '2 элемента',
      '5 элементов',
      '21 элемент',
      '22 элемента',
      '25 элементов',
      '11 элементов',
    ]);
  });

  it('falls back to the "other" form when a category is missing, and passes more substitutions after the count', () => {
    useCatalogue(fixture);
    expect(tp('moved' as never, 1, 'Trash')).toBe('1 moved to Trash');
  });

  it('shows the key rather than nothing for a message the catalogue lacks', () => {
    useCatalogue(fixture);
    expect(t('page_title_vault')).toBe('page_title_vault');
  });

  it('names the catalogue language and its direction', () => {
    expect(catalogueLocale()).toBe('en');
    expect(localeAttributes()).toEqual({ lang: 'en', dir: 'ltr' });
    useCatalogue({ meta_locale: { message: 'ar' } });
    expect(localeAttributes()).toEqual({ lang: 'ar', dir: 'rtl' });
    useCatalogue({ meta_locale: { message: 'pt_BR' } });
    expect(localeAttributes()).toEqual({ lang: 'pt-BR', dir: 'ltr' });
    expect(['he', 'fa-IR', 'ur', 'de', 'zh-CN'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'ltr', 'ltr']);
  });

  it('isolates each substitution in a right-to-left catalogue, so a Latin host or number keeps its own direction', () => {
    const arabic: Catalogue = {
      meta_locale: { message: 'ar' },
      fill_on: { message: 'املأ على $HOST$؟', placeholders: { host: { content: '$1' } } },
      items__other: { message: '$1 عناصر' },
    };
    useCatalogue(arabic);
    expect(t('fill_on' as never, 'shop.example.com')).toBe('املأ على \u2068shop.example.com\u2069؟');
    expect(tp('items' as never, 12)).toBe('\u206812\u2069 عناصر');
    useCatalogue(english);
    expect(t('sync_conflict_copy_name', 'Router')).toBe('Router (conflict copy)');
  });
});
