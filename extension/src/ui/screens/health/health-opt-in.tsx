// The breach-check opt-in: what is sent and to whom, in plain words, and the switch. Turning it on
// asks for access to the endpoint's origin first (the browser may already have granted it).
import type { JSX } from 'preact';
import { browser } from 'wxt/browser';
import { send } from '../../../messaging/client';
import type { Settings } from '../../../vault/settings';
import { TEXT } from './health-text';

/** Access to the breach endpoint's origin, asked for from the user's click. */
export async function requestEndpointAccess(endpoint: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const origin = new URL(endpoint).origin;
  const origins = [`${origin}/*`];
  try {
    if ((await browser.permissions.contains({ origins })) || (await browser.permissions.request({ origins }))) return { ok: true };
  } catch {
    // Fall through: the browser refused to ask.
  }
  return { ok: false, reason: TEXT.permissionDenied(origin) };
}

export function BreachOptIn(props: { settings: Settings; onChange: (settings: Settings) => void; onError: (error: unknown) => void }): JSX.Element {
  const { breachCheck, breachEndpoint } = props.settings;

  async function turn(on: boolean): Promise<void> {
    try {
      if (on) {
        const access = await requestEndpointAccess(breachEndpoint);
        if (!access.ok) return props.onError(new Error(access.reason));
      }
      props.onChange(await send('settings.set', { breachCheck: on }));
    } catch (error) {
      props.onError(error);
    }
  }

  return (
    <section class="health-opt-in" aria-labelledby="health-opt-in-title">
      <h2 id="health-opt-in-title">{TEXT.breachTitle}</h2>
      {breachCheck ? (
        <p data-testid="breach-state">{TEXT.breachOn(new URL(breachEndpoint).host)}</p>
      ) : (
        <>
          <p class="health-explain">{TEXT.breachExplain}</p>
          <p data-testid="breach-state">{TEXT.breachOff}</p>
        </>
      )}
      <div class="button-row">
        <button type="button" class={breachCheck ? 'button' : 'button primary'} onClick={() => void turn(!breachCheck)}>
          {breachCheck ? TEXT.turnOff : TEXT.turnOn}
        </button>
      </div>
    </section>
  );
}
