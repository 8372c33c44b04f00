// Zip exports (1PUX, Proton Pass) opened with limits, using fflate: the central directory is
// listed first without inflating anything (entry count capped), then only the entries an importer
// asks for are inflated, each refused when its declared size or compression ratio is a bomb's.
// fflate inflates into a buffer of the declared size and never grows it, so an entry that lies
// about its size is cut short (and then fails to parse) instead of filling memory.
import { unzipSync } from 'fflate';
import { ImportError } from './import-error';
import { IMPORT_LIMITS } from './limits';

export type ZipEntryInfo = { name: string; compressedBytes: number; bytes: number };

export type ZipLimits = { maxEntries: number; maxInflatedBytes: number; maxRatio: number; ratioFloorBytes: number; maxZipBytes: number };

const DEFAULT_LIMITS: ZipLimits = {
  maxEntries: IMPORT_LIMITS.maxZipEntries,
  maxInflatedBytes: IMPORT_LIMITS.maxZipInflatedBytes,
  maxRatio: IMPORT_LIMITS.maxZipRatio,
  ratioFloorBytes: IMPORT_LIMITS.zipRatioFloorBytes,
  maxZipBytes: IMPORT_LIMITS.maxZipBytes,
};

/** "PK\x03\x04" (a local file header) or "PK\x05\x06" (the end record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

export function createZipReader(bytes: Uint8Array, limits: Partial<ZipLimits> = {}) {
  const l: ZipLimits = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length > l.maxZipBytes) throw new ImportError({ code: 'file-too-large', limitBytes: l.maxZipBytes });
  if (!looksLikeZip(bytes)) throw new ImportError({ code: 'zip-invalid' });
  const entries: ZipEntryInfo[] = [];
  unzip(bytes, (info) => {
    if (entries.length >= l.maxEntries) throw new ImportError({ code: 'zip-too-many-entries', limit: l.maxEntries });
    entries.push({ name: info.name, compressedBytes: info.size, bytes: info.originalSize });
    return false;
  });
  let inflated = 0;

  return {
    entries: entries as readonly ZipEntryInfo[],
    has: (name: string): boolean => entries.some((e) => e.name === name),
    /** Inflates one entry, checking its declared size and ratio first. */
    read(name: string): Uint8Array {
      const entry = entries.find((e) => e.name === name);
      if (entry === undefined) throw new ImportError({ code: 'zip-missing-entry', entry: name });
      if (inflated + entry.bytes > l.maxInflatedBytes) throw new ImportError({ code: 'zip-too-large', entry: name, limitBytes: l.maxInflatedBytes });
      if (entry.bytes > l.ratioFloorBytes && entry.bytes > entry.compressedBytes * l.maxRatio) {
        throw new ImportError({ code: 'zip-ratio', entry: name, limit: l.maxRatio });
      }
      inflated += entry.bytes;
      let seen = false;
      const files = unzip(bytes, (info) => {
        // Entry names may repeat in a crafted archive: inflate the first one only, as listed above.
        const take = !seen && info.name === name;
        if (take) seen = true;
        return take;
      });
      const data = files[name];
      if (data === undefined) throw new ImportError({ code: 'zip-missing-entry', entry: name });
      return data;
    },
  };
}

export type ZipReader = ReturnType<typeof createZipReader>;

type EntryFilter = (info: { name: string; size: number; originalSize: number }) => boolean;

function unzip(bytes: Uint8Array, filter: EntryFilter): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError({ code: 'zip-invalid' });
  }
}
