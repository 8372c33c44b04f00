// The small part of CBOR (RFC 8949) an authenticator writes: unsigned and negative integers, byte
// strings, text strings and maps, in the deterministic encoding of §4.2.1 (shortest argument form;
// map keys are written in the order given, which callers choose as CTAP2's canonical order).
// Only encoding: Keyhold never reads CBOR from a relying party.

export type CborValue = number | string | Uint8Array | CborMap;
/** A map keeps insertion order, so an encoder sees the keys in the order the caller wrote them. */
export type CborMap = Map<number | string, CborValue>;

const textEncoder = new TextEncoder();

function head(major: number, argument: number): number[] {
  if (!Number.isSafeInteger(argument) || argument < 0) throw new RangeError('CBOR argument out of range');
  const m = major << 5;
  if (argument < 24) return [m | argument];
  if (argument < 0x100) return [m | 24, argument];
  if (argument < 0x10000) return [m | 25, argument >> 8, argument & 0xff];
  if (argument < 0x100000000) return [m | 26, argument >>> 24, (argument >> 16) & 0xff, (argument >> 8) & 0xff, argument & 0xff];
  throw new RangeError('CBOR argument too large');
}

function write(value: CborValue, out: number[]): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('CBOR: only integers are supported');
    out.push(...(value >= 0 ? head(0, value) : head(1, -1 - value)));
  } else if (typeof value === 'string') {
    const bytes = textEncoder.encode(value);
    out.push(...head(3, bytes.length));
    for (const b of bytes) out.push(b);
  } else if (value instanceof Uint8Array) {
    out.push(...head(2, value.length));
    for (const b of value) out.push(b);
  } else {
    out.push(...head(5, value.size));
    for (const [key, member] of value) {
      write(key, out);
      write(member, out);
    }
  }
}

export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  write(value, out);
  return Uint8Array.from(out);
}
