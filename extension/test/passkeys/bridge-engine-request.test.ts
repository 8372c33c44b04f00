// The page bridge's autofill half (passkeys/bridge.ts): the always-on script in the page's main world
// dispatches an event when it sees a candidate field, and the bridge asks the background for the
// engine once per document, however often the event comes (a page can dispatch it too).
import { describe, expect, it } from 'vitest';
import { relayEngineRequest } from '../../src/passkeys/bridge';
import { ENGINE_REQUEST_EVENT } from '../../src/passkeys/bridge-tag';
import { testPage } from '../autofill/page/dom';

function bridged() {
  const { window } = testPage('<p>No fields here</p>');
  const sent: unknown[] = [];
  relayEngineRequest(window, () => ({ sendMessage: (message: unknown) => (sent.push(message), Promise.resolve(undefined)) }));
  return { window, sent };
}

describe('relayEngineRequest', () => {
  it('asks for the engine when the always-on script reports a field', () => {
    const { window, sent } = bridged();
    window.dispatchEvent(new window.Event(ENGINE_REQUEST_EVENT));
    expect(sent).toEqual([{ type: 'autofill.loadEngine' }]);
  });

  it('asks once per document, however often the event is dispatched', () => {
    const { window, sent } = bridged();
    for (let i = 0; i < 50; i++) window.dispatchEvent(new window.Event(ENGINE_REQUEST_EVENT));
    expect(sent).toHaveLength(1);
  });

  it('asks nothing for other events or posted messages that carry the name', () => {
    const { window, sent } = bridged();
    window.dispatchEvent(new window.Event('keyhold-other'));
    window.dispatchEvent(new window.MessageEvent('message', { data: { [ENGINE_REQUEST_EVENT]: true } }));
    expect(sent).toEqual([]);
  });

  it('survives a missing extension API (Keyhold updated or gone)', () => {
    const { window } = testPage('');
    relayEngineRequest(window, () => undefined);
    expect(() => window.dispatchEvent(new window.Event(ENGINE_REQUEST_EVENT))).not.toThrow();
  });
});
