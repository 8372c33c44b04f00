import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { createBroker } from '../../src/messaging/broker';
import { identifySender } from '../../src/messaging/sender';
import { UserError } from '../../src/common/user-error';
import type { SaveAction } from '../../src/autofill/messages';

const self = { extensionId: 'abcdefghijklmnopabcdefghijklmnop', extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' };
const popup = identifySender({ id: self.extensionId, url: `${self.extensionOrigin}popup.html` }, self);
const page = identifySender(
  { id: self.extensionId, url: 'https://bank.example/login', origin: 'https://bank.example', tab: { id: 7 } as Browser.tabs.Tab, frameId: 0 },
  self,
);

describe('sender identification', () => {
  it('tells extension pages from content scripts by what the browser reports', () => {
    expect(popup).toEqual({ kind: 'page', url: `${self.extensionOrigin}popup.html` });
    expect(page).toMatchObject({ kind: 'content', origin: 'https://bank.example', tabId: 7, frameId: 0 });
  });

  it('ignores other extensions and senders without a tab', () => {
    expect(identifySender({ id: 'someotherextensionidxxxxxxxxxxxx', url: `${self.extensionOrigin}popup.html` }, self)).toBeNull();
    expect(identifySender({ id: self.extensionId, url: 'https://bank.example/' }, self)).toBeNull();
  });

  it('keeps a sandboxed frame opaque even when its URL looks like the site', () => {
    const sandboxed = identifySender(
      { id: self.extensionId, url: 'https://bank.example/frame', origin: 'null', tab: { id: 7 } as Browser.tabs.Tab, frameId: 3 },
      self,
    );
    expect(sandboxed).toMatchObject({ kind: 'content', origin: 'null' });
  });
});

describe('broker', () => {
  it('refuses a second handler for the same type', () => {
    const broker = createBroker();
    broker.on('vault.lock', () => undefined);
    expect(() => broker.on('vault.lock', () => undefined)).toThrow(/already registered/);
  });

  it('answers extension pages and refuses content scripts for page-only messages', async () => {
    const broker = createBroker();
    broker.on('vault.status', () => ({ state: 'locked', recoveryConfirmed: true, retryAfterMs: 0, itemCount: 0 }));
    expect(await broker.dispatch({ type: 'vault.status' }, popup)).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await broker.dispatch({ type: 'vault.status' }, page)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Not allowed.' } });
    expect(await broker.dispatch({ type: 'vault.status' }, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses unknown and malformed messages', async () => {
    const broker = createBroker();
    expect(await broker.dispatch({ type: 'vault.exportEverything' }, popup)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await broker.dispatch({ type: 'toString' }, popup)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await broker.dispatch('vault.status', popup)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('parses every request with its schema before the handler runs, and refuses a malformed one as INVALID', async () => {
    const broker = createBroker();
    const seen: unknown[] = [];
    broker.on('autofill.savePrompt', (request) => {
      // Typed from the schema (checked by tsc, which includes the tests).
      expectTypeOf(request).toEqualTypeOf<{ promptId: string; action: SaveAction }>();
      seen.push(request);
    });
    const contentSender = page!;
    const invalid = { ok: false, error: { code: 'INVALID', message: 'That request is not valid.' } };
    expect(await broker.dispatch({ type: 'autofill.savePrompt', request: { promptId: 'x', action: 'save' } }, contentSender)).toEqual(invalid);
    expect(await broker.dispatch({ type: 'autofill.savePrompt' }, contentSender)).toEqual(invalid);
    expect(seen).toEqual([]);

    const request = { promptId: '3f0c1a52-7a43-4c1e-9d2b-5b8f6e1d2c3a', action: 'never' };
    expect(await broker.dispatch({ type: 'autofill.savePrompt', request }, contentSender)).toEqual({ ok: true, value: undefined });
    // The handler gets the schema's output (a fresh object), not the object the sender built.
    expect(seen).toEqual([request]);
    expect(seen[0]).not.toBe(request);
  });

  it('checks the sender before the request, so a content script learns nothing about page-only schemas', async () => {
    const broker = createBroker();
    broker.on('vault.unlock', () => {
      throw new Error('never called');
    });
    expect(await broker.dispatch({ type: 'vault.unlock', request: { nonsense: true } }, page)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await broker.dispatch({ type: 'vault.unlock', request: { nonsense: true } }, popup)).toMatchObject({
      ok: false,
      error: { code: 'INVALID' },
    });
  });

  it('refuses a request too deeply nested to parse instead of failing', async () => {
    const broker = createBroker();
    let calls = 0;
    broker.on('items.save', () => {
      calls++;
      return { id: 'x' };
    });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const item = { id: '3f0c1a52-7a43-4c1e-9d2b-5b8f6e1d2c3a', type: 'note', notes: deep };
    expect(await broker.dispatch({ type: 'items.save', request: { item } }, popup)).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    expect(calls).toBe(0);
  });

  it('passes user errors through and hides the details of unexpected ones', async () => {
    const seen: unknown[] = [];
    const broker = createBroker({ onError: (_type, error) => seen.push(error) });
    broker.on('vault.unlock', () => {
      throw new UserError('WRONG_PASSWORD', 'That master password is not right.', 1000);
    });
    broker.on('vault.lock', () => {
      throw new Error('secret internal detail');
    });
    expect(await broker.dispatch({ type: 'vault.unlock', request: { password: 'x' } }, popup)).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'That master password is not right.', retryAfterMs: 1000 },
    });
    const hidden = await broker.dispatch({ type: 'vault.lock' }, popup);
    expect(JSON.stringify(hidden)).not.toContain('secret internal detail');
    expect(seen).toHaveLength(1);
  });
});
