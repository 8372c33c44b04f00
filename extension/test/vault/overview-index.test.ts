import { describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import { splitItem } from '@keyhold/shared/items/split-item';
import type { Overview } from '@keyhold/shared/items/item';
import { createOverviewIndex, parseSerializedIndex } from '../../src/vault/overview-index';

const at = 1_700_000_000_000;
const login = (name: string, url: string, match: 'default' | 'regex' | 'never' = 'default') =>
  splitItem(newItem('login', { name, username: name.toLowerCase(), urls: [{ url, match }] }, at)).overview as Overview;

describe('overview index', () => {
  const items = [
    login('Mail', 'https://mail.google.com'),
    login('Docs', 'docs.google.com'),
    login('Bank', 'https://bank.example'),
    login('Regex', 'https://.*\\.corp\\.test/.*', 'regex'),
    login('Never', 'https://google.com', 'never'),
    login('Router', 'http://192.168.1.1:8080'),
  ];
  const index = createOverviewIndex(items.map((o) => [o.id, o]));
  const names = (list: Overview[]) => list.map((o) => o.name).sort();

  it('narrows suggestions to the same registrable domain, plus regex URLs', () => {
    expect(names(index.candidatesFor('https://accounts.google.com/signin'))).toEqual(['Docs', 'Mail', 'Regex']);
    expect(names(index.candidatesFor('https://bank.example.evil.test/'))).toEqual(['Regex']);
    expect(names(index.candidatesFor('http://192.168.1.1:8080/login'))).toEqual(['Regex', 'Router']);
  });

  it('keeps the site keys through serialization, and follows edits and removals', () => {
    const copy = createOverviewIndex(parseSerializedIndex(index.serialize('g1')).entries);
    expect(names(copy.candidatesFor('https://google.com'))).toEqual(['Docs', 'Mail', 'Regex']);
    const mail = items[0]!;
    copy.upsert(mail.id, { ...mail, urls: [{ url: 'https://mail.example', match: 'default' }] } as Overview);
    expect(names(copy.candidatesFor('https://google.com'))).toEqual(['Docs', 'Regex']);
    copy.remove(items[1]!.id);
    expect(names(copy.candidatesFor('https://google.com'))).toEqual(['Regex']);
  });

  it('lists by name, filters trash, favorites and tags, and pages', () => {
    const trashed = { ...login('Zed', 'https://zed.test'), trashedAt: at } as Overview;
    const fav = { ...login('Alpha', 'https://alpha.test'), favorite: true, tags: ['work'] } as Overview;
    const idx = createOverviewIndex([...items, trashed, fav].map((o) => [o.id, o]));
    const all = idx.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 3 });
    expect(all.total).toBe(7);
    expect(all.rows.map((r) => r.name)).toEqual(['Alpha', 'Bank', 'Docs']);
    expect(idx.list({ filter: { kind: 'trash' }, query: '', offset: 0, limit: 10 }).rows.map((r) => r.name)).toEqual(['Zed']);
    expect(idx.list({ filter: { kind: 'favorites' }, query: '', offset: 0, limit: 10 }).rows.map((r) => r.name)).toEqual(['Alpha']);
    expect(idx.list({ filter: { kind: 'tag', tag: 'work' }, query: 'alp', offset: 0, limit: 10 }).total).toBe(1);
  });

  it('finds cards and identities by what the list shows under their names', () => {
    const card = splitItem(newItem('card', { name: 'Travel card', number: '4111 1111 1111 4242' }, at)).overview as Overview;
    const person = splitItem(newItem('identity', { name: 'Me', firstName: 'Zoë', lastName: 'Quill', email: 'zoe@quill.example' }, at))
      .overview as Overview;
    const idx = createOverviewIndex([...items, card, person].map((o) => [o.id, o]));
    const found = (query: string) => idx.list({ filter: { kind: 'all' }, query, offset: 0, limit: 10 }).rows.map((r) => r.name);
    expect(found('4242')).toEqual(['Travel card']);
    expect(found('quill')).toEqual(['Me']);
    expect(found('zoe@quill')).toEqual(['Me']);
  });

  describe('entries listed ahead of their rows (ADR 0027)', () => {
    const stored = login('Stored', 'https://stored.test');
    const ahead = [login('Alpha', 'https://alpha.test'), login('Beta', 'https://beta.test')];
    const fresh = () => {
      const index = createOverviewIndex([[stored.id, stored]]);
      index.listAhead(ahead.map((o) => [o.id, o] as const));
      return index;
    };
    const storedIds = (index: ReturnType<typeof createOverviewIndex>) => parseSerializedIndex(index.serialize('g')).entries.map(([id]) => id);

    it('are listed, searched and suggested, but never stored: not in the body, the head page or the site buckets', () => {
      const index = fresh();
      expect(index.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 }).rows.map((r) => r.name)).toEqual(['Alpha', 'Beta', 'Stored']);
      expect(index.list({ filter: { kind: 'all' }, query: 'alp', offset: 0, limit: 10 }).total).toBe(1);
      expect(names(index.candidatesFor('https://alpha.test/login'))).toEqual(['Alpha']);
      expect([index.size, index.storedSize]).toEqual([3, 1]);
      expect(storedIds(index)).toEqual([stored.id]);
      expect(index.storedPage(10)).toMatchObject({ total: 1, rows: [{ name: 'Stored' }] });
      const buckets = index.bucketEntries([0], () => 0).get(0)!;
      expect(buckets.map(([id]) => id)).toEqual([stored.id]);
    });

    it('the write of the row with the same overview makes an entry ordinary, in place; another overview replaces it', () => {
      const index = fresh();
      index.markPersisted([], 'g0');
      index.upsert(ahead[0]!.id, ahead[0]!);
      expect(index.isAhead(ahead[0]!.id)).toBe(false);
      // Its sites are changed for the buckets, which did not hold it.
      expect(index.changedSites()).toEqual(['alpha.test']);
      const renamed = { ...ahead[1]!, name: 'Aardvark' } as Overview;
      index.upsert(renamed.id, renamed);
      expect(index.isAhead(renamed.id)).toBe(false);
      expect(index.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 }).rows.map((r) => r.name)).toEqual([
        'Aardvark',
        'Alpha',
        'Stored',
      ]);
      expect(storedIds(index).sort()).toEqual([stored.id, ...ahead.map((o) => o.id)].sort());
      expect(index.storedSize).toBe(3);
    });

    it('dropAhead takes out only what is still ahead; listing ahead leaves listed items as they are', () => {
      const index = fresh();
      index.upsert(ahead[0]!.id, ahead[0]!);
      index.listAhead([[stored.id, { ...stored, name: 'Changed' } as Overview]]);
      expect(index.isAhead(stored.id)).toBe(false);
      expect(index.dropAhead()).toEqual([ahead[1]!.id]);
      expect(index.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 }).rows.map((r) => r.name)).toEqual(['Alpha', 'Stored']);
      expect(index.candidatesFor('https://beta.test/')).toEqual([]);
      expect([index.size, index.storedSize]).toEqual([2, 2]);
    });

    it('takes the site keys it is given instead of parsing the URLs again', () => {
      const index = createOverviewIndex();
      index.listAhead([[ahead[0]!.id, ahead[0]!, ['elsewhere.test']]]);
      expect(index.candidatesFor('https://alpha.test/')).toEqual([]);
      expect(names(index.candidatesFor('https://elsewhere.test/'))).toEqual(['Alpha']);
    });
  });
});
