// Apple's site data as Keyhold reads it: a host's built-in password rule (its own entry, else its
// closest parent's, never above the registrable domain), the page's rule winning over it, related
// sites (shared groups both ways, from → to one way, user groups added, built-in groups turned
// off), and the change-password link.
import { describe, expect, it } from 'vitest';
import { hostSuffixes } from '../../src/site-data/host-suffixes';
import { builtInPasswordRules, generateSitePassword } from '../../src/site-data/site-password-rules';
import { BUILT_IN_GROUPS, groupsInForce, normaliseDomain, relatedSiteOf, relatedSites } from '../../src/site-data/related-domains';
import { changePasswordUrl } from '../../src/site-data/change-password-url';
import { parsePasswordRules, satisfiesPasswordRules } from '../../src/generator/password-rules';
import { seededRandom } from '../generator/seeded-random';

describe('hostSuffixes', () => {
  it('lists a host and its parents down to the registrable domain', () => {
    expect(hostSuffixes('www.shop.example.co.uk')).toEqual(['www.shop.example.co.uk', 'shop.example.co.uk', 'example.co.uk']);
    expect(hostSuffixes('Example.COM.')).toEqual(['example.com']);
  });

  it('has nothing for IP addresses, localhost and public suffixes', () => {
    expect(hostSuffixes('192.168.1.1')).toEqual([]);
    expect(hostSuffixes('localhost')).toEqual([]);
    expect(hostSuffixes('co.uk')).toEqual([]);
    expect(hostSuffixes('github.io')).toEqual([]);
  });
});

describe('builtInPasswordRules', () => {
  it('finds a site by its registrable domain from any of its hosts', () => {
    expect(builtInPasswordRules('www.activision.com')).toEqual({ domain: 'activision.com', rules: expect.stringContaining('max-consecutive: 2') });
    expect(builtInPasswordRules('activision.com')?.domain).toBe('activision.com');
  });

  it('an entry for a subdomain covers that host only, not its siblings', () => {
    expect(builtInPasswordRules('account.samsung.com')?.domain).toBe('account.samsung.com');
    expect(builtInPasswordRules('www.samsung.com')).toBeNull();
  });

  it('has no rule for other sites, IPs or suffixes', () => {
    expect(builtInPasswordRules('example.com')).toBeNull();
    expect(builtInPasswordRules('127.0.0.1')).toBeNull();
    expect(builtInPasswordRules('com')).toBeNull();
  });
});

describe('generateSitePassword', () => {
  it("follows the page's own rule over the built-in one", () => {
    const made = generateSitePassword({ host: 'activision.com', pageRules: 'allowed: digit; minlength: 12; maxlength: 12' }, seededRandom(3));
    expect(made?.source).toBe('page');
    expect(made?.password).toMatch(/^\d{12}$/);
  });

  it('uses the built-in rule when the page states none, or one that cannot be met', () => {
    const rules = parsePasswordRules(builtInPasswordRules('activision.com')!.rules)!;
    for (const pageRules of [null, '', 'colour: blue', 'minlength: 30; maxlength: 5']) {
      const made = generateSitePassword({ host: 'www.activision.com', pageRules }, seededRandom(4));
      expect(made?.source).toBe('site');
      expect(satisfiesPasswordRules(made!.password, rules)).toBe(true);
    }
  });

  it('gives null where neither says anything (the plain generator applies)', () => {
    expect(generateSitePassword({ host: 'example.com', pageRules: null })).toBeNull();
    expect(generateSitePassword({ host: null, pageRules: 'garbage' })).toBeNull();
  });
});

describe('related domains', () => {
  const builtIn = groupsInForce();

  it('reads every entry of the data: shared groups and one-way entries', () => {
    expect(BUILT_IN_GROUPS.some((g) => g.kind === 'shared')).toBe(true);
    expect(BUILT_IN_GROUPS.some((g) => g.kind === 'one-way')).toBe(true);
    expect(new Set(BUILT_IN_GROUPS.map((g) => g.id)).size).toBe(BUILT_IN_GROUPS.length);
  });

  it('a shared group offers every other member, on any host of a member', () => {
    const sites = relatedSites('www.safeway.com', builtIn).map((s) => s.domain);
    expect(sites).toContain('albertsons.com');
    expect(sites).toContain('vons.com');
    expect(sites).not.toContain('safeway.com');
  });

  it('a one-way entry offers "from" logins on "to" sites, never the reverse', () => {
    expect(relatedSites('adobe.com', builtIn).map((s) => s.domain)).toEqual(expect.arrayContaining(['adobelogin.com', 'behance.net']));
    expect(relatedSites('behance.net', builtIn).map((s) => s.domain)).not.toContain('adobe.com');
  });

  it('a group member that is a subdomain covers that host only', () => {
    // costco.ca → signin.costco.com
    expect(relatedSites('signin.costco.com', builtIn).map((s) => s.domain)).toContain('costco.ca');
    expect(relatedSites('www.costco.com', builtIn).map((s) => s.domain)).not.toContain('costco.ca');
  });

  it('unrelated sites, IPs and localhost have none', () => {
    expect(relatedSites('example.com', builtIn)).toEqual([]);
    expect(relatedSites('127.0.0.1', builtIn)).toEqual([]);
    expect(relatedSites('localhost', builtIn)).toEqual([]);
  });

  it("takes the user's own groups, and drops a built-in group the user turned off", () => {
    const groups = groupsInForce({
      custom: [['gap.com', 'https://www.GapCanada.ca/login', 'not a domain', 'com']],
      disabled: ['shared:acmemarkets.com'],
    });
    expect(relatedSites('gapcanada.ca', groups)).toEqual([{ domain: 'gap.com', groupId: 'custom:0' }]);
    expect(relatedSites('safeway.com', groups)).toEqual([]);
    // A custom group needs two valid domains.
    expect(groupsInForce({ custom: [['gap.com', 'nonsense']], disabled: [] }).filter((g) => g.id.startsWith('custom:'))).toEqual([]);
  });

  it('tells which related site a saved host lies on', () => {
    const related = relatedSites('gapcanada.ca', groupsInForce({ custom: [['gap.com', 'gapcanada.ca']], disabled: [] }));
    expect(relatedSiteOf('www.gap.com', related)?.domain).toBe('gap.com');
    expect(relatedSiteOf('gap.com.evil.test', related)).toBeNull();
    expect(relatedSiteOf('notgap.com', related)).toBeNull();
  });

  it('normalises what a user types as a domain', () => {
    expect(normaliseDomain(' HTTPS://Www.Example.com/login ')).toBe('example.com');
    expect(normaliseDomain('login.example.com')).toBe('login.example.com');
    expect(normaliseDomain('example.com')).toBe('example.com');
    for (const bad of ['', 'example', 'co.uk', '1.2.3.4', 'exa mple.com', 'javascript:alert(1)']) expect(normaliseDomain(bad)).toBeNull();
  });
});

describe('changePasswordUrl', () => {
  it("uses the data's page for a known site, from any of its hosts", () => {
    expect(changePasswordUrl('https://www.1800contacts.com/login')).toBe('https://www.1800contacts.com/account/settings');
    expect(changePasswordUrl('1800contacts.com')).toBe('https://www.1800contacts.com/account/settings');
  });

  it("falls back to the site's well-known URL", () => {
    expect(changePasswordUrl('https://login.example.com/x')).toBe('https://login.example.com/.well-known/change-password');
    expect(changePasswordUrl('http://example.com:8443/')).toBe('https://example.com:8443/.well-known/change-password');
  });

  it('has none for IPs, localhost and non-web URLs', () => {
    expect(changePasswordUrl('https://192.168.1.1/')).toBeNull();
    expect(changePasswordUrl('http://localhost:3000')).toBeNull();
    expect(changePasswordUrl('androidapp://com.example')).toBeNull();
  });
});
