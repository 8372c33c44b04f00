// Save and update prompts: offered only when something is new, kept for the navigation that
// follows, saved from what the background kept (never from the page), and never again on a site
// the user said "never" for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginItem } from '@keyhold/shared/items/item';
import { decideSave } from '../../../src/autofill/service/decide-save';
import { content, createWorld, url, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(() => w.close());

const page = content('https://bank.example/login', { tabId: 3 });

describe('submitted logins', () => {
  it("offers to save a new login and saves what was submitted, for the page's origin", async () => {
    const { prompt } = await w.saves.submitted(page, page.url, { formKind: 'login', username: 'ada', password: 'typed-1', newPassword: '' });
    expect(prompt).toMatchObject({ kind: 'save', host: 'bank.example', username: 'ada', itemName: null });
    expect(JSON.stringify(prompt)).not.toContain('typed-1');
    await w.saves.act(page, prompt!.id, 'save');
    const list = await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    const saved = (await w.items.get(list.rows[0]!.id)) as LoginItem;
    expect(saved).toMatchObject({ username: 'ada', password: 'typed-1', urls: [{ url: 'https://bank.example', match: 'default' }] });
  });

  it('offers nothing when the password is already saved for that username', async () => {
    await w.login({ username: 'Ada', password: 'typed-1', urls: url('https://bank.example') });
    expect(await w.saves.submitted(page, page.url, { formKind: 'login', username: 'ada', password: 'typed-1', newPassword: '' })).toEqual({
      prompt: null,
    });
  });

  it('offers to update a changed password and keeps the old one in the item history', async () => {
    const item = await w.login({ name: 'Bank', password: 'old-pw', urls: url('https://bank.example') });
    const { prompt } = await w.saves.submitted(page, page.url, {
      formKind: 'change-password',
      username: '',
      password: 'old-pw',
      newPassword: 'new-pw',
    });
    expect(prompt).toMatchObject({ kind: 'update', itemName: 'Bank' });
    await w.saves.act(page, prompt!.id, 'save');
    const updated = (await w.items.get(item.id)) as LoginItem;
    expect(updated.password).toBe('new-pw');
    expect(updated.history.map((h) => h.value)).toContain('old-pw');
  });

  it('shows the prompt again once on the page the submit navigated to', async () => {
    const { prompt } = await w.saves.submitted(page, page.url, { formKind: 'login', username: 'ada', password: 'typed-1', newPassword: '' });
    expect(await w.saves.afterNavigation(3)).toEqual(prompt);
    expect(await w.saves.afterNavigation(3)).toBeNull();
    expect(await w.saves.afterNavigation(4)).toBeNull();
  });

  it('forgets a prompt after two minutes', async () => {
    const { prompt } = await w.saves.submitted(page, page.url, { formKind: 'login', username: 'ada', password: 'typed-1', newPassword: '' });
    w.advance(3 * 60_000);
    expect(await w.saves.afterNavigation(3)).toBeNull();
    await expect(w.saves.act(page, prompt!.id, 'save')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('acts only on the prompt of the same tab', async () => {
    const { prompt } = await w.saves.submitted(page, page.url, { formKind: 'login', username: 'ada', password: 'typed-1', newPassword: '' });
    await expect(w.saves.act(content('https://bank.example/login', { tabId: 9 }), prompt!.id, 'save')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never prompts again on a site after "never for this site"', async () => {
    const { prompt } = await w.saves.submitted(page, page.url, { formKind: 'login', username: 'ada', password: 'typed-1', newPassword: '' });
    await w.saves.act(page, prompt!.id, 'never');
    expect(
      await w.saves.submitted(content('https://www.bank.example/signin', { tabId: 3 }), 'https://www.bank.example/signin', {
        formKind: 'login',
        username: 'bob',
        password: 'x',
        newPassword: '',
      }),
    ).toEqual({ prompt: null });
  });

  it('joins the username of a first step to the password of the second', async () => {
    await w.saves.submitted(page, page.url, { formKind: 'login', username: 'ada@bank.example', password: '', newPassword: '' });
    const step2 = content('https://bank.example/password', { tabId: 3 });
    const { prompt } = await w.saves.submitted(step2, step2.url, { formKind: 'login', username: '', password: 'typed-2', newPassword: '' });
    expect(prompt).toMatchObject({ kind: 'save', username: 'ada@bank.example' });
  });

  it('keeps nothing while the vault is locked, and nothing for a sandboxed frame', async () => {
    const sandboxed = content('https://bank.example/x', { frameId: 2, origin: 'null', tabId: 3 });
    expect(await w.saves.submitted(sandboxed, 'https://bank.example/', { formKind: 'login', username: 'a', password: 'b', newPassword: '' })).toEqual(
      { prompt: null },
    );
    await w.vault.lock();
    expect(await w.saves.submitted(page, page.url, { formKind: 'login', username: 'a', password: 'b', newPassword: '' })).toEqual({ prompt: null });
  });
});

describe('generated passwords', () => {
  it('go into the generator history as soon as they are made', async () => {
    const { password } = await w.saves.generate(page);
    expect(password).toHaveLength(20); // the shared generator's default length
    expect(w.remembered).toEqual([password]);
  });

  it("follow the page's own passwordrules attribute", async () => {
    const { password } = await w.saves.generate(page, { rules: 'required: digit; allowed: [ab]; max-consecutive: 1; minlength: 12; maxlength: 12' });
    expect(password).toMatch(/^[ab0-9]{12}$/);
    expect(password).toMatch(/\d/);
    expect(password).not.toMatch(/(.)\1/);
  });

  it("follow the site's built-in rules when the page states none, picked by the frame's own URL", async () => {
    // activision.com: minlength 8, maxlength 20, max-consecutive 2, lower or upper, and a digit.
    const activision = content('https://www.activision.com/signup', { tabId: 4 });
    for (let i = 0; i < 20; i++) {
      const { password } = await w.saves.generate(activision, { rules: null });
      expect(password).toMatch(/^[A-Za-z0-9]{8,20}$/);
      expect(password).not.toMatch(/(.)\1\1/);
    }
  });

  it('ignore page rules that cannot be met, and generate as usual', async () => {
    const { password } = await w.saves.generate(page, { rules: 'minlength: 40; maxlength: 4; allowed: sparkles' });
    expect(password).toHaveLength(20);
  });
});

describe('decideSave', () => {
  const saved = [
    { id: '1', name: 'Bank', username: 'ada', password: 'one' },
    { id: '2', name: 'Bank (work)', username: 'ada@work.example', password: 'two' },
  ];
  it('updates the login whose current password was typed in a change-password form', () => {
    expect(
      decideSave({ submitted: { formKind: 'change-password', username: '', password: 'two', newPassword: 'three' }, saved, earlierUsername: null }),
    ).toMatchObject({
      kind: 'update',
      itemId: '2',
    });
  });
  it('saves a signup for a new username', () => {
    expect(
      decideSave({ submitted: { formKind: 'signup', username: 'grace', password: '', newPassword: 'g' }, saved, earlierUsername: null }),
    ).toEqual({ kind: 'save', username: 'grace', password: 'g' });
  });
  it('does nothing on the first step of a login, which has no password', () => {
    expect(decideSave({ submitted: { formKind: 'login', username: 'ada', password: '', newPassword: '' }, saved, earlierUsername: null })).toEqual({
      kind: 'none',
    });
  });
});
