// "Change password on example.com": a link to where the login's site changes passwords — the page
// Apple's data names for it, else the site's /.well-known/change-password. The background holds the
// data and answers for the login's first website; nothing shows for IPs, localhost or no website.
import type { JSX } from 'preact';
import { send } from '../../../messaging/client';
import { useLoad } from '../../hooks/use-load';
import { hostOf } from '../../../vault/list-row';
import { t } from '../../../i18n/messages';

export const CHANGE_PASSWORD_TEXT = {
  link: (host: string) => t('health_change_on', host),
};

export function ChangePasswordLink(props: { url: string }): JSX.Element | null {
  const loaded = useLoad(() => (props.url ? send('items.changePasswordUrl', { url: props.url }) : Promise.resolve(null)), [props.url]);
  if (loaded.state !== 'ok' || loaded.value === null) return null;
  return (
    <p class="change-password">
      <a href={loaded.value} target="_blank" rel="noopener noreferrer" data-testid="change-password-link">
        {CHANGE_PASSWORD_TEXT.link(hostOf(loaded.value))}
      </a>
    </p>
  );
}
