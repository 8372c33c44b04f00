// Related domains in the background, against a real vault: a login saved on one site of a group is
// offered on the others after the site's own logins, labelled with the site it is from, and may be
// filled there; the https and frame rules hold as for any match; a group the user turns off (or
// removes) offers nothing more, and signing in with a related login asks to save nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FillRequest } from '../../../src/autofill/messages';
import { buildMenuModel } from '../../../src/autofill/menu/menu-model';
import { rankSuggestions, suggestionRow } from '../../../src/autofill/service/suggestions';
import { toListRow } from '../../../src/vault/list-row';
import { content, createWorld, url, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await createWorld({ settings: { relatedDomains: { custom: [['gap.com', 'gapcanada.ca']], disabled: [] } } });
});
afterEach(() => w.close());

const menuFill = (itemId: string): FillRequest => ({
  itemId,
  gesture: { kind: 'menu', token: '' },
  want: { username: true, password: true, totp: false },
  confirmed: false,
});
const canada = 'https://www.gapcanada.ca/signin';

describe('related domains', () => {
  it('offers a login of a related site after the site\'s own, labelled "from gap.com", and fills it', async () => {
    const gap = await w.login({ name: 'Gap', username: 'ada@gap', password: 'gap-pw', urls: url('https://www.gap.com/') });
    const own = await w.login({ name: 'Gap Canada', username: 'ada@ca', urls: url('https://gapcanada.ca') });
    const offer = await w.fills.offer(content(canada), canada);
    expect(offer.state === 'unlocked' && offer.logins.map((l) => [l.id, l.via])).toEqual([
      [own.id, null],
      [gap.id, 'gap.com'],
    ]);
    const model = buildMenuModel({ offer, anchorKind: 'current-password', actionHost: null });
    expect(model?.entries[1]).toMatchObject({ kind: 'login', title: 'Gap', detail: 'ada@gap', note: 'from gap.com' });
    expect(await w.viaMenu(content(canada), canada, menuFill(gap.id))).toMatchObject({ username: 'ada@gap', password: 'gap-pw' });
  });

  it('never offers or fills an https login on an http page of the related site', async () => {
    const gap = await w.login({ urls: url('https://gap.com') });
    const http = 'http://gapcanada.ca/signin';
    const offer = await w.fills.offer(content(http), http);
    expect(offer.state === 'unlocked' && offer.logins).toEqual([]);
    await expect(w.viaMenu(content(http), http, menuFill(gap.id))).rejects.toThrow();
  });

  it('a cross-origin frame of the related site still needs its confirmation', async () => {
    const gap = await w.login({ urls: url('https://gap.com') });
    const frame = content(canada, { frameId: 3 });
    const offer = await w.fills.offer(frame, 'https://shop.example/');
    expect(offer).toMatchObject({ state: 'unlocked', crossOrigin: { frameHost: 'www.gapcanada.ca' } });
    await expect(w.viaMenu(frame, 'https://shop.example/', menuFill(gap.id))).rejects.toThrow();
  });

  it('offers and fills nothing once the user removes the group; a built-in group can be turned off', async () => {
    const gap = await w.login({ urls: url('https://gap.com') });
    w.settings.relatedDomains = { custom: [], disabled: [] };
    const offer = await w.fills.offer(content(canada), canada);
    expect(offer.state === 'unlocked' && offer.logins).toEqual([]);
    await expect(w.viaMenu(content(canada), canada, menuFill(gap.id))).rejects.toThrow();

    const albertsons = await w.login({ urls: url('https://www.albertsons.com') });
    const safeway = 'https://www.safeway.com/account/sign-in.html';
    const builtIn = await w.fills.offer(content(safeway), safeway);
    expect(builtIn.state === 'unlocked' && builtIn.logins.map((l) => [l.id, l.via])).toEqual([[albertsons.id, 'albertsons.com']]);
    w.settings.relatedDomains = { custom: [], disabled: ['shared:acmemarkets.com'] };
    const off = await w.fills.offer(content(safeway), safeway);
    expect(off.state === 'unlocked' && off.logins).toEqual([]);
  });

  it('signing in on the related site with that login asks to save nothing', async () => {
    await w.login({ username: 'ada@gap', password: 'gap-pw', urls: url('https://gap.com') });
    const page = content(canada, { tabId: 5 });
    expect(await w.saves.submitted(page, canada, { formKind: 'login', username: 'ada@gap', password: 'gap-pw', newPassword: '' })).toEqual({
      prompt: null,
    });
  });

  it("the popup's suggestions list the related login after the site's own, its row saying where it is from", async () => {
    const gap = await w.login({ name: 'Gap', urls: url('https://gap.com') });
    const own = await w.login({ name: 'Gap Canada', urls: url('https://gapcanada.ca') });
    const related = await w.related(canada);
    const overviews = (await w.vault.ifUnlocked((state) => [gap.id, own.id].map((id) => state.index.overview(id)!)))!;
    const ranked = rankSuggestions(overviews, canada, related);
    expect(ranked.map((s) => [s.overview.id, s.via])).toEqual([
      [own.id, null],
      [gap.id, 'gap.com'],
    ]);
    expect(suggestionRow(toListRow(overviews[0]!), { via: 'gap.com', savedFor: null })).toMatchObject({ name: 'Gap', from: 'from gap.com' });
    expect(rankSuggestions(overviews.slice(0, 1), canada)).toEqual([]);
  });
});
