// DNS rebinding: a web page on evil.example can make its own name resolve to 127.0.0.1 (or to the
// server's LAN address) and then call the server as "same origin", with `Host: evil.example`. So the
// server answers only requests whose Host names it: the host of the configured public URL, or a name
// no DNS answer can be behind — an IP literal or `localhost` (loopback and LAN use, `npm start`).
// /healthz is exempt (load balancers probe by address); the check runs before anything else.
import { isIP } from 'node:net';

export type HostCheck = (host: string | undefined) => boolean;

export function createHostCheck(options: { publicUrl: string | undefined }): HostCheck {
  const publicHost = options.publicUrl === undefined ? undefined : new URL(options.publicUrl).hostname.toLowerCase();
  return (host) => {
    if (host === undefined || host === '') return false;
    const name = hostName(host);
    if (name === null) return false;
    if (name === 'localhost' || isIP(name) !== 0) return true;
    return publicHost !== undefined && name === publicHost;
  };
}

/** The name part of a Host header (without the port; IPv6 literals without brackets), lowercased; null if malformed. */
function hostName(host: string): string | null {
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? null : value.slice(1, end);
  }
  const colon = value.indexOf(':');
  const name = colon === -1 ? value : value.slice(0, colon);
  return /^[a-z0-9.-]+$/.test(name) ? name.replace(/\.$/, '') : null;
}

/** 421 Misdirected Request, shaped like the server's other errors (tRPC's error shape). */
export function misdirectedBody(host: string | undefined): string {
  const shown = (host ?? '').slice(0, 100).replace(/[^\x20-\x7e]/g, '?');
  const message = `This server does not answer to the host "${shown}". Its operator sets the public address with publicUrl (docs/self-hosting.md).`;
  return JSON.stringify({ error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 421 } } });
}
