// URLs as exports list them, to Keyhold's login URLs: one cell may hold several (Bitwarden CSV
// separates them with commas, 1Password and KeePassXC with newlines), empty ones are dropped, and
// duplicates kept once. Every URL gets the vault's default match mode unless the source says more.
import type { LoginUrl } from '../items/types/login';

/** `separator` is what the format puts between URLs: a comma for Bitwarden, a newline for 1Password. */
export function splitUrls(text: string, separator: RegExp = /[\n,]/): string[] {
  return text
    .split(separator)
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

export function toUrls(urls: readonly string[]): LoginUrl[] {
  return [...new Set(urls.map((u) => u.trim()).filter((u) => u !== ''))].map((url) => ({ url, match: 'default' }));
}
