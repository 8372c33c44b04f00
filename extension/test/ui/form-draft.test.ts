import { describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import { validateItem } from '@keyhold/shared/items/validate-item';
import { draftProblem, loginPrefill, tidyDraft } from '../../src/ui/lib/form-draft';

const NOW = Date.UTC(2025, 0, 1);

describe('form drafts', () => {
  it('drops blank rows the form added, so the saved item validates', () => {
    const draft = {
      ...newItem('login', { name: '  GitHub ' }, NOW),
      urls: [
        { url: ' https://github.com ', match: 'default' as const },
        { url: '', match: 'default' as const },
      ],
      extraUsernames: ['', ' second '],
      customFields: [{ id: 'f', name: '', value: '', kind: 'text' as const }],
    };
    const tidy = tidyDraft(draft);
    expect(tidy).toMatchObject({
      name: 'GitHub',
      urls: [{ url: 'https://github.com', match: 'default' }],
      extraUsernames: ['second'],
      customFields: [],
    });
    expect(validateItem(tidy)).toEqual({ ok: true });
  });

  it('refuses to save an item without a name', () => {
    expect(draftProblem(newItem('note', { name: '   ' }, NOW))).toBe('Give the item a name.');
    expect(draftProblem(newItem('note', { name: 'n' }, NOW))).toBeNull();
  });

  it('prefills a new login from the page, for web pages only', () => {
    expect(loginPrefill('https://www.github.com/login?x=1')).toEqual({ name: 'Github', urls: [{ url: 'https://www.github.com', match: 'default' }] });
    expect(loginPrefill('chrome://settings')).toBeNull();
    expect(loginPrefill('file:///etc/passwd')).toBeNull();
    expect(loginPrefill(null)).toBeNull();
  });
});
