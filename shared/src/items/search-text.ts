// The text that in-popup search matches against, built from the overview only (details are not
// decrypted for search): name, usernames/emails, the hosts and registrable domains of the URLs,
// and tags. Lower-cased and stripped of diacritics, so "cafe" finds "Café".
import { parse } from 'tldts';
import { isOpaque, type Overview } from './item';

/** Case- and accent-insensitive form used for both the indexed text and the query. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Host and registrable domain of a saved URL ('' parts dropped); regex patterns are not URLs. */
function domainsOf(url: string): string[] {
  const { hostname, domain } = parse(url);
  return [hostname, domain].filter((part): part is string => typeof part === 'string' && part !== '');
}

function termsOf(overview: Overview): string[] {
  const name = typeof overview.name === 'string' ? overview.name : '';
  const tags = Array.isArray(overview.tags) ? overview.tags.filter((tag) => typeof tag === 'string') : [];
  if (isOpaque(overview)) return [name, ...tags];
  switch (overview.type) {
    case 'login':
      return [name, overview.username, ...overview.urls.filter((url) => url.match !== 'regex').flatMap((url) => domainsOf(url.url)), ...tags];
    case 'identity':
      return [name, overview.fullName, overview.email, ...tags];
    case 'api-key':
      return [name, ...domainsOf(overview.serviceUrl), ...tags];
    case 'card':
      return [name, overview.brand, ...tags];
    case 'note':
      return [name, ...tags];
  }
}

export function searchTextOf(overview: Overview): string {
  const terms = termsOf(overview).filter((term) => term.trim() !== '');
  return normalizeSearchText([...new Set(terms)].join('\n'));
}
