// Limits on what an import file may hold. Import files come from outside (another manager, a
// download, a shared drive), so every parser treats them as hostile: these caps bound memory and
// time before anything is parsed, and a file over one of them is refused with an ImportError
// naming the limit rather than half-imported.

export const IMPORT_LIMITS = {
  /** A text export (CSV or JSON). 10,000 items of a real vault are 5–15 MB. */
  maxTextBytes: 50 * 1024 * 1024,
  /** A zip export (1PUX, Proton Pass): it may also hold attachments, which are not inflated. */
  maxZipBytes: 256 * 1024 * 1024,
  /** Items in one file; 10,000+ is a normal large vault, this stops a generated flood. */
  maxItems: 100_000,
  /** One item, all its values together, as JSON text. Far above any real note. */
  maxItemChars: 4 * 1024 * 1024,
  /** Nesting of a JSON export. Real ones (Bitwarden, 1PUX, Proton Pass) stay under 10. */
  maxJsonDepth: 64,
  /** Entries listed in a zip's central directory (1PUX holds one per attachment). */
  maxZipEntries: 20_000,
  /** Uncompressed size of the entries we inflate, all together. */
  maxZipInflatedBytes: 200 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of one inflated entry. JSON exports deflate 5–20×; a bomb 1000×. */
  maxZipRatio: 100,
  /** Below this uncompressed size the ratio is not checked (tiny entries compress arbitrarily well). */
  zipRatioFloorBytes: 1024 * 1024,
  /** A KeePass database: decrypted whole in memory; attachments make real ones grow past text exports. */
  maxKdbxBytes: 256 * 1024 * 1024,
} as const;

/**
 * Key-derivation settings an encrypted file may ask for (Bitwarden password-protected exports,
 * KeePass databases). The file sets them, so a hostile one could ask for hours of work or more
 * memory than the tab has; these caps are far above what the apps write (Bitwarden: PBKDF2 600,000,
 * Argon2id ≤ 1 GiB and ≤ 10 passes; KeePassXC: a one-second benchmark) and are checked before any
 * derivation starts. Times measured here: PBKDF2 ≈ 0.5 µs an iteration (WebCrypto), Argon2 ≈ 1 ms
 * per MiB-pass (hash-wasm).
 */
export const KDF_LIMITS = {
  pbkdf2MaxIterations: 10_000_000,
  argon2MaxMemoryKiB: 1024 * 1024,
  argon2MaxParallelism: 64,
  /** Memory (MiB) × passes: 1 GiB × 32 or 64 MiB × 512, about half a minute here. */
  argon2MaxMiBPasses: 32 * 1024,
  /** KeePass AES-KDF rounds, two AES blocks each. */
  aesKdfMaxRounds: 200_000_000,
} as const;
