// A local server speaking the Pwned Passwords range protocol, for tests (never the internet):
// GET /range/{PREFIX} answers `SUFFIX:COUNT` lines for the breached passwords it was given, plus
// padding lines with count 0 when asked with `Add-Padding: true`. It records every request.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = { method: string; url: string; headers: IncomingHttpHeaders };

export async function startRangeServer(breached: Record<string, number>, options: { delayMs?: number; status?: number } = {}) {
  const byPrefix = new Map<string, string[]>();
  for (const [password, count] of Object.entries(breached)) {
    const hex = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
    const lines = byPrefix.get(hex.slice(0, 5)) ?? [];
    lines.push(`${hex.slice(5)}:${count}`);
    byPrefix.set(hex.slice(0, 5), lines);
  }
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'Add-Padding');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const match = /^\/range\/([0-9A-F]{5})$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end('not found');
    const lines = [...(byPrefix.get(match[1]!) ?? [])];
    if (req.headers['add-padding'] === 'true') {
      for (let i = 0; i < 20; i++) lines.push(`${randomBytes(18).toString('hex').slice(0, 35).toUpperCase()}:0`);
    }
    setTimeout(() => {
      res.writeHead(options.status ?? 200, { 'content-type': 'text/plain' });
      res.end(lines.join('\r\n'));
    }, options.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
