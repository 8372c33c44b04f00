// The autofill matching table: (page, item, mode) → match and quality. Every security rule of
// docs/architecture.md, "Autofill rules", that URL matching owns has rows here that fail if it is removed.
import { describe, expect, it } from 'vitest';
import { matchItemUrl } from '../../src/url/match-item-url';
import { MATCH_QUALITY } from '../../src/url/match-mode';
import type { ConcreteMatchMode, UrlMatchMode } from '../../src/url/match-mode';

type Expected = false | keyof typeof MATCH_QUALITY;
type Row = [why: string, page: string, item: string, mode: UrlMatchMode, expected: Expected];

function check(page: string, item: string, mode: UrlMatchMode, expected: Expected, defaultMode?: ConcreteMatchMode) {
  const result = matchItemUrl({ pageUrl: page, itemUrl: item, mode, defaultMode });
  expect(result).toEqual(expected === false ? { match: false } : { match: true, quality: MATCH_QUALITY[expected] });
}

const modes: UrlMatchMode[] = ['default', 'base-domain', 'host', 'starts-with', 'exact', 'regex'];
const itemFor = (mode: UrlMatchMode, url: string) => (mode === 'regex' ? '.*' : url);

describe('scheme rule: an https item never matches an http page', () => {
  it.each(modes)('%s: https item on http page → no match', (mode) => {
    check('http://victim.com/login', itemFor(mode, 'https://victim.com/login'), mode, false);
  });

  it.each(modes)('%s: schemeless item counts as https → no match on http', (mode) => {
    check('http://victim.com/login', itemFor(mode, 'victim.com/login'), mode, false);
  });

  const upgraded: Row[] = [
    ['http item on https page (site moved to TLS)', 'https://victim.com/login', 'http://victim.com/login', 'base-domain', 'host'],
    ['http item, https page, host mode', 'https://victim.com/', 'http://victim.com/', 'host', 'host'],
    ['http item, https page, exact', 'https://victim.com/login', 'http://victim.com/login', 'exact', 'exact'],
    ['http item on http page', 'http://intranet.example/', 'http://intranet.example/', 'exact', 'exact'],
    ['regex saying http: matches an http page', 'http://victim.com/a', '^http://victim\\.com/.*', 'regex', 'regex'],
    ['regex saying https?: matches an http page', 'http://victim.com/a', 'https?://victim\\.com/.*', 'regex', 'regex'],
    ['regex saying https?: matches an https page', 'https://victim.com/a', 'https?://victim\\.com/.*', 'regex', 'regex'],
  ];
  it.each(upgraded)('%s', (_why, page, item, mode, expected) => check(page, item, mode, expected));
});

describe('pages that are never fillable', () => {
  const pages = [
    'data:text/html,<form><input type=password></form>',
    'blob:https://victim.com/6f1d2c2e-2f5c-4c1e-9d52-2f0c9a4b1e11',
    'javascript:alert(1)',
    'file:///home/user/victim.com/login.html',
    'about:blank',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
    'ftp://victim.com/',
    'wss://victim.com/',
    'https://attacker@victim.com/',
    'https://victim.com:hunter2@victim.com/',
    '',
    'victim.com',
  ];
  it.each(pages)('%s', (page) => {
    for (const mode of modes) check(page, itemFor(mode, 'http://victim.com/'), mode, false);
  });

  it('an item URL that is itself not fillable never matches', () => {
    check('https://victim.com/', 'javascript:alert(1)', 'base-domain', false);
    check('https://victim.com/', 'https://admin@victim.com/', 'base-domain', false);
  });
});

describe('look-alikes never match', () => {
  const lookAlikes: Array<[why: string, page: string]> = [
    ['victim domain as a subdomain of the attacker', 'https://victim.com.evil.test/login'],
    ['victim in the userinfo, attacker as host', 'https://victim.com@evil.test/login'],
    ['hyphenated prefix', 'https://evil-victim.com/login'],
    ['suffix without the dot', 'https://evilvictim.com/login'],
    ['other TLD (victim.co vs victim.com)', 'https://victim.co/login'],
    ['Cyrillic і in the host (homograph)', 'https://v\u0456ctim.com/login'],
    ['Cyrillic і, already in punycode', 'https://xn--vctim-n2e.com/login'],
    ['path that contains the victim URL', 'https://evil.test/https://victim.com/login'],
    ['query that contains the victim URL', 'https://evil.test/?next=https://victim.com/login'],
  ];
  for (const [why, page] of lookAlikes) {
    it.each(modes)(`${why} — %s`, (mode) => {
      const item = mode === 'regex' ? 'https://victim\\.com/.*' : 'https://victim.com/login';
      check(page, item, mode, false);
    });
  }

  it('a Cyrillic а never equals a Latin a, in either direction', () => {
    check('https://p\u0430ypal.com/signin', 'https://paypal.com/signin', 'base-domain', false);
    check('https://paypal.com/signin', 'https://p\u0430ypal.com/signin', 'base-domain', false);
    check('https://xn--pypal-4ve.com/signin', 'https://paypal.com/signin', 'host', false);
  });

  it('an internationalised item matches its own host, in Unicode or punycode form', () => {
    check('https://xn--pypal-4ve.com/', 'https://p\u0430ypal.com/', 'host', 'host');
    check('https://b\u00fccher.example/', 'https://xn--bcher-kva.example/', 'host', 'host');
  });
});

describe('public suffixes: different registrants are different sites', () => {
  const rows: Row[] = [
    ['two github.io users', 'https://alice.github.io/', 'https://bob.github.io/', 'base-domain', false],
    ['two blogspot users', 'https://alice.blogspot.com/', 'https://bob.blogspot.com/', 'base-domain', false],
    ['github.io itself vs a user site', 'https://alice.github.io/', 'https://github.io/', 'base-domain', false],
    ['co.uk vs a company under it', 'https://shop.co.uk/', 'https://co.uk/', 'base-domain', false],
    ['same github.io user, other path', 'https://alice.github.io/app/', 'https://alice.github.io/', 'base-domain', 'host'],
    ['same github.io user, subdomain', 'https://app.alice.github.io/', 'https://alice.github.io/', 'base-domain', 'baseDomain'],
  ];
  it.each(rows)('%s', (_why, page, item, mode, expected) => check(page, item, mode, expected));
});

describe('base-domain mode', () => {
  const rows: Row[] = [
    ['sibling subdomain', 'https://login.victim.com/', 'https://www.victim.com/', 'base-domain', 'baseDomain'],
    ['same host ranks as host', 'https://login.victim.com/x', 'https://login.victim.com/', 'base-domain', 'host'],
    ['www and bare host rank as host', 'https://victim.com/', 'https://www.victim.com/', 'base-domain', 'host'],
    ['port does not matter for a domain', 'https://victim.com:8443/', 'https://victim.com/', 'base-domain', 'baseDomain'],
    ['trailing dot is the same DNS name', 'https://victim.com./', 'https://victim.com/', 'base-domain', 'host'],
    ['upper-case host', 'https://LOGIN.Victim.COM/', 'https://login.victim.com/', 'base-domain', 'host'],
    ['default mode falls back to base-domain', 'https://login.victim.com/', 'https://www.victim.com/', 'default', 'baseDomain'],
    ['IP: same address', 'http://192.168.1.1/admin', 'http://192.168.1.1/', 'base-domain', 'baseDomain'],
    ['IP: neighbour address', 'http://192.168.1.2/', 'http://192.168.1.1/', 'base-domain', false],
    ['IP: other /24 sharing a "suffix"', 'http://10.1.1.1/', 'http://192.1.1.1/', 'base-domain', false],
    ['IP: item port must match', 'http://192.168.1.1:8080/', 'http://192.168.1.1:9090/', 'base-domain', false],
    ['IP: item without port matches any port', 'http://192.168.1.1:8080/', 'http://192.168.1.1/', 'base-domain', 'baseDomain'],
    ['IP: hex form is the same address', 'http://0xc0.0xa8.1.1/', 'http://192.168.1.1/', 'base-domain', 'baseDomain'],
    ['IPv6: same address', 'http://[::1]:3000/', 'http://[0:0::1]:3000/', 'base-domain', 'baseDomain'],
    ['IPv6: other address', 'http://[::2]/', 'http://[::1]/', 'base-domain', false],
    ['localhost: same port', 'http://localhost:3000/', 'http://localhost:3000/', 'base-domain', 'baseDomain'],
    ['localhost: other port', 'http://localhost:4000/', 'http://localhost:3000/', 'base-domain', false],
    ['localhost: item without port', 'http://localhost:4000/', 'http://localhost/', 'base-domain', 'baseDomain'],
    ['localhost item typed without scheme counts as https', 'http://localhost:3000/', 'localhost:3000', 'base-domain', false],
    ['localhost vs a *.localhost app', 'http://app.localhost/', 'http://localhost/', 'base-domain', false],
    ['single-label intranet host', 'http://wiki/', 'http://intranet/', 'base-domain', false],
  ];
  it.each(rows)('%s', (_why, page, item, mode, expected) => check(page, item, mode, expected));
});

describe('base-domain mode: a login saved on one subdomain, on another', () => {
  // An XSS on shop.example.com must not be enough to be offered the accounts.example.com login: it is
  // offered only as a sibling match that names the host it was saved for, and needs a confirmation.
  const sibling = (savedFor: string) => ({ match: true, quality: MATCH_QUALITY.sibling, savedFor });
  const rows: [string, string, string, ReturnType<typeof sibling> | { match: true; quality: number }][] = [
    ['saved on accounts., asked on shop.', 'https://shop.example.com/', 'https://accounts.example.com/', sibling('accounts.example.com')],
    ['saved on accounts., asked on the bare domain', 'https://example.com/', 'https://accounts.example.com/', sibling('accounts.example.com')],
    ['saved on accounts., asked on www.', 'https://www.example.com/', 'https://accounts.example.com/login', sibling('accounts.example.com')],
    ['saved on accounts., asked deeper', 'https://eu.accounts.example.com/', 'https://accounts.example.com/', sibling('accounts.example.com')],
    ['saved on www.accounts., named without www.', 'https://shop.example.com/', 'https://www.accounts.example.com/', sibling('accounts.example.com')],
    [
      'saved on the bare domain: the whole site',
      'https://shop.example.com/',
      'https://example.com/',
      { match: true, quality: MATCH_QUALITY.baseDomain },
    ],
    ['saved on www.: the whole site', 'https://shop.example.com/', 'https://www.example.com/', { match: true, quality: MATCH_QUALITY.baseDomain }],
    ['same subdomain', 'https://accounts.example.com/x', 'https://accounts.example.com/', { match: true, quality: MATCH_QUALITY.host }],
    [
      'same subdomain, other port',
      'https://accounts.example.com:8443/',
      'https://accounts.example.com/',
      { match: true, quality: MATCH_QUALITY.baseDomain },
    ],
  ];
  it.each(rows)('%s', (_why, page, item, expected) => {
    expect(matchItemUrl({ pageUrl: page, itemUrl: item, mode: 'base-domain' })).toEqual(expected);
  });

  it('ranks below every login of the page itself and of the whole site, above a related site', () => {
    expect(MATCH_QUALITY.sibling).toBeLessThan(MATCH_QUALITY.baseDomain);
    expect(MATCH_QUALITY.sibling).toBeGreaterThan(MATCH_QUALITY.related);
  });
});

describe('host mode', () => {
  const rows: Row[] = [
    ['same host', 'https://login.victim.com/a', 'https://login.victim.com/b', 'host', 'host'],
    ['sibling subdomain', 'https://mail.victim.com/', 'https://login.victim.com/', 'host', false],
    ['www. page, bare item', 'https://www.victim.com/', 'https://victim.com/', 'host', 'host'],
    ['bare page, www. item', 'https://victim.com/', 'https://www.victim.com/', 'host', 'host'],
    ['www. is only dropped above the registrable domain', 'https://co.uk/', 'https://www.co.uk/', 'host', false],
    ['www is not a wildcard', 'https://www2.victim.com/', 'https://victim.com/', 'host', false],
    ['item port must equal page port', 'https://victim.com:8443/', 'https://victim.com/', 'host', false],
    ['same explicit port', 'https://victim.com:8443/', 'https://victim.com:8443/', 'host', 'host'],
    ['default port written out is the default port', 'https://victim.com/', 'https://victim.com:443/', 'host', 'host'],
    ['default mode configured as host', 'https://mail.victim.com/', 'https://login.victim.com/', 'default', false],
  ];
  it.each(rows)('%s', (_why, page, item, mode, expected) => {
    check(page, item, mode, expected, mode === 'default' ? 'host' : undefined);
  });
});

describe('starts-with and exact', () => {
  const rows: Row[] = [
    ['starts-with: deeper path', 'https://victim.com/app/login?x=1', 'https://victim.com/app', 'starts-with', 'startsWith'],
    ['starts-with: other path', 'https://victim.com/blog', 'https://victim.com/app', 'starts-with', false],
    ['starts-with: host is not a string prefix', 'https://victim.com.evil.test/app', 'https://victim.com', 'starts-with', false],
    ['starts-with: other port', 'https://victim.com:8443/app', 'https://victim.com/app', 'starts-with', false],
    ['starts-with: www is a different host here', 'https://www.victim.com/app', 'https://victim.com/app', 'starts-with', false],
    ['exact: same path and query', 'https://victim.com/login?a=1', 'https://victim.com/login?a=1', 'exact', 'exact'],
    ['exact: fragment ignored', 'https://victim.com/login#top', 'https://victim.com/login', 'exact', 'exact'],
    ['exact: other query', 'https://victim.com/login?a=2', 'https://victim.com/login?a=1', 'exact', false],
    ['exact: longer path', 'https://victim.com/login/2', 'https://victim.com/login', 'exact', false],
    ['exact: schemeless item on https page', 'https://victim.com/login', 'victim.com/login', 'exact', 'exact'],
  ];
  it.each(rows)('%s', (_why, page, item, mode, expected) => check(page, item, mode, expected));
});

describe('regex mode', () => {
  const rows: Row[] = [
    ['matches the whole URL', 'https://victim.com/login', 'https://victim\\.com/login', 'regex', 'regex'],
    ['anchored at the start', 'https://evil.test/?u=https://victim.com/', 'https://victim\\.com/.*', 'regex', false],
    ['anchored at the end', 'https://victim.com.evil.test/', 'https://victim\\.com', 'regex', false],
    ['case-insensitive', 'https://victim.com/LOGIN', 'https://victim\\.com/login', 'regex', 'regex'],
    ['sees the fragment', 'https://victim.com/#/login', 'https://victim\\.com/#/login', 'regex', 'regex'],
    ['unescaped dot still needs the rest to match', 'https://victimXcom.evil/', 'https://victim.com/', 'regex', false],
    ['invalid pattern → no match', 'https://victim.com/', 'https://victim.com/(', 'regex', false],
    ['unsupported syntax → no match', 'https://victim.com/', '(?=https).*', 'regex', false],
    ['too long → no match', 'https://victim.com/', `.*${'x?'.repeat(300)}`, 'regex', false],
    ['never mode never matches', 'https://victim.com/', 'https://victim.com/', 'never', false],
  ];
  it.each(rows)('%s', (_why, page, item, mode, expected) => check(page, item, mode, expected));

  it('a pattern that makes a backtracking engine hang answers quickly on a hostile URL', () => {
    // JavaScript's own RegExp needs about 3 s here (O(n^4) backtracking), anchored or not; the
    // automaton needs well under 1 ms.
    const page = `https://victim.com/${'a'.repeat(300)}`;
    const started = performance.now();
    check(page, 'https://victim\\.com/.*a.*a.*a.*b', 'regex', false);
    check(page, 'https://victim\\.com/.*a.*a.*a.*', 'regex', 'regex');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
