// The optional Pwned Passwords relay on the real server process: off by default (404), and when
// enabled, GET /pwned/range/{5 hex} is asked upstream — a local range server here, never the
// internet — with Add-Padding and nothing of the client, the answer is passed back, bad prefixes
// and methods are refused, an upstream failure is a 502, and the prefix stays out of the log.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';

// SHA-1("password") = 5BAA6 1E4C9B93F3F0682250B6CF8331B7EE68FD8 (the API documentation's example).
const ANSWER = '1E4C9B93F3F0682250B6CF8331B7EE68FD8:9659365\r\n0018A45C4D1DEF81644B54AB7F969B88D65:0';

describe('the breach relay', () => {
  let upstream: Server;
  let upstreamUrl: string;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let relaying: SpawnedServer;
  let plain: SpawnedServer;
  let broken: SpawnedServer;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      if (req.url === '/range/FFFFF') return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end(req.url === '/range/5BAA6' ? ANSWER : '');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    [relaying, plain, broken] = await Promise.all([
      spawnServer({ config: { breachRelay: { enabled: true, upstream: `${upstreamUrl}/` } } }),
      spawnServer(),
      spawnServer({ config: { breachRelay: { enabled: true, upstream: 'http://127.0.0.1:9' } } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([relaying.stop(), plain.stop(), broken.stop()]);
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('is off by default', async () => {
    const response = await fetch(`${plain.url}/pwned/range/5BAA6`);
    expect(response.status).toBe(404);
    expect(seen).toEqual([]);
  });

  it('asks upstream for the prefix with Add-Padding, passes the answer back, and adds nothing of the client', async () => {
    const response = await fetch(`${relaying.url}/pwned/range/5baa6`, { headers: { cookie: 'session=abc', 'x-forwarded-for': '203.0.113.9' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(ANSWER);
    const asked = seen.at(-1)!;
    expect(asked.url).toBe('/range/5BAA6');
    expect(asked.headers['add-padding']).toBe('true');
    expect(asked.headers.cookie).toBeUndefined();
    expect(asked.headers['x-forwarded-for']).toBeUndefined();
    expect(asked.headers['user-agent']).toBe('keyhold-sync-server');
  });

  it('refuses anything but 5 hex digits and GET, without asking upstream', async () => {
    const before = seen.length;
    for (const path of ['5BAA', '5BAA61', 'GHIJK', '5BAA6/x', '']) expect((await fetch(`${relaying.url}/pwned/range/${path}`)).status).toBe(400);
    expect((await fetch(`${relaying.url}/pwned/range/5BAA6`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect(seen.length).toBe(before);
  });

  it('answers 502 when upstream fails or cannot be reached', async () => {
    expect((await fetch(`${relaying.url}/pwned/range/FFFFF`)).status).toBe(502);
    expect((await fetch(`${broken.url}/pwned/range/5BAA6`)).status).toBe(502);
  });

  it('keeps the prefix out of the request log', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = relaying.logs().filter((line) => line.event === 'request' && String(line.procedure).startsWith('/pwned/'));
    expect(lines.length).toBeGreaterThan(3);
    expect(relaying.output()).not.toMatch(/5BAA6|5baa6|FFFFF/);
    expect(lines[0]).toMatchObject({ procedure: '/pwned/range/…', status: 200 });
  });
});
