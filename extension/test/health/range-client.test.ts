// The range client's rules with a recorded fetch: the request it makes (prefix only, padded, no
// credentials or referrer), spacing between requests, a 429 retried after Retry-After, an abort
// that stops a wait, and errors in words; and the progress throttle for the open views.
import { describe, expect, it } from 'vitest';
import { createRangeClient, rangeUrl } from '../../src/health/range-client';
import { throttleStatus } from '../../src/health/events';
import type { HealthStatus } from '../../src/health/health-view';

type Call = { url: string; init: RequestInit };

function recorder(responses: (() => Response)[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new TypeError('network down');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('the range client', () => {
  it('asks for the prefix only, padded, without credentials or referrer', async () => {
    const { calls, fetch } = recorder([() => new Response('1E4C9B93F3F0682250B6CF8331B7EE68FD8:3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:0')]);
    const counts = await createRangeClient({ endpoint: 'https://relay.example/pwned/', fetch }).range('5BAA6', new AbortController().signal);
    expect([...counts]).toEqual([['1E4C9B93F3F0682250B6CF8331B7EE68FD8', 3]]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://relay.example/pwned/range/5BAA6');
    expect(calls[0]!.init).toMatchObject({
      headers: { 'Add-Padding': 'true' },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    });
  });

  it('builds the URL from an http(s) endpoint only, and a prefix of 5 upper-case hex digits only', () => {
    expect(rangeUrl('https://api.pwnedpasswords.com', 'ABCDE')).toBe('https://api.pwnedpasswords.com/range/ABCDE');
    expect(() => rangeUrl('javascript:alert(1)', 'ABCDE')).toThrow(/https/);
    expect(() => rangeUrl('not a url', 'ABCDE')).toThrow(/valid URL/);
    for (const bad of ['abcde', 'ABCD', 'ABCDEF', 'GHIJK', 'AB/DE']) expect(() => rangeUrl('https://x.example', bad)).toThrow();
  });

  it('spaces requests, retries a 429 after Retry-After, and reports other failures in words', async () => {
    const waits: number[] = [];
    let clock = 0;
    const { calls, fetch } = recorder([
      () => new Response('', { status: 429, headers: { 'retry-after': '2' } }),
      () => new Response(''),
      () => new Response('', { status: 500 }),
      () => new Response('<html>captive portal</html>'),
    ]);
    const client = createRangeClient({
      endpoint: 'https://x.example',
      fetch,
      minIntervalMs: 100,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const signal = new AbortController().signal;
    await client.range('00000', signal);
    expect(waits).toEqual([2000]);
    await expect(client.range('00001', signal)).rejects.toThrow(/answered 500/);
    await expect(client.range('00002', signal)).rejects.toThrow(/cannot read/);
    await expect(client.range('00003', signal)).rejects.toThrow(/Could not reach/);
    expect(calls).toHaveLength(5);
    // After the retry, each request waited its turn: 100 ms after the one before.
    expect(waits).toEqual([2000, 100, 100, 100]);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const { fetch } = recorder([() => new Response('', { status: 503, headers: { 'retry-after': '30' } })]);
    const pending = createRangeClient({ endpoint: 'https://x.example', fetch }).range('00000', controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow();
  });
});

describe('the progress throttle', () => {
  it('passes at most one running status per interval, always the newest, and a final one at once', async () => {
    const sent: HealthStatus[] = [];
    const tell = throttleStatus((s) => sent.push(s), { intervalMs: 30, now: () => Date.now() });
    for (let done = 1; done <= 50; done++) tell({ state: 'running', phase: 'reading', done, total: 50 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sent).toEqual([{ state: 'running', phase: 'reading', done: 50, total: 50 }]);
    tell({ state: 'running', phase: 'breaches', done: 1, total: 9 });
    tell({ state: 'cancelled' });
    expect(sent.at(-1)).toEqual({ state: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sent.at(-1)).toEqual({ state: 'cancelled' });
  });
});
