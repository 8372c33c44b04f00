// The built-in password rules of the site a generator speaks for (the popup's active tab, the item
// form's first URL): Apple's data, looked up here in the background so that no page bundle carries
// it. The page parses the rule text and generates (shared/generator/password-rules.ts).
import { parseSiteUrl } from '@keyhold/shared/url/parse-site-url';
import { builtInPasswordRules } from '@keyhold/shared/site-data/site-password-rules';

export type SiteRules = { domain: string; rules: string };

export function siteRulesFor(url: string | null | undefined): SiteRules | null {
  if (!url) return null;
  const parsed = parseSiteUrl(url, { schemeless: 'assume-https' });
  return parsed.ok ? builtInPasswordRules(parsed.url.host) : null;
}
