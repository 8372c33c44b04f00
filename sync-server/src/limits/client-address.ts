// Which client a request comes from, for rate limiting and logs. Behind a reverse proxy (trustProxy)
// it is the address the proxy appended last to X-Forwarded-For, the only entry the proxy vouches for.
// IPv6 clients are keyed by their /64: one host usually owns a whole /64 and could rotate within it.
import { isIPv4, isIPv6 } from 'node:net';

export function clientAddress(options: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustProxy: boolean;
}): string {
  if (options.trustProxy && options.forwardedFor !== undefined) {
    const header = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(',') : options.forwardedFor;
    const last = header.split(',').at(-1)?.trim() ?? '';
    if (isIPv4(last) || isIPv6(last)) return last;
  }
  return options.socketAddress ?? 'unknown';
}

/** The key a client address is counted under: IPv4 as is, IPv6 by its /64 prefix. */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = Math.max(0, 8 - left.length - right.length);
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase());
}
