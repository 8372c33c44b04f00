// A notice at the top of the list while Keyhold may not touch web pages, with the button that asks
// the browser for that access again (site-access.ts). Nothing at all while access is granted.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hasSiteAccess, requestSiteAccess } from './site-access';
import { t } from '../../i18n/messages';

export function SiteAccessBanner(): JSX.Element | null {
  const [missing, setMissing] = useState(false);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    let live = true;
    hasSiteAccess().then(
      (granted) => live && setMissing(!granted),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (!missing) return null;
  const ask = async () => {
    const granted = await requestSiteAccess();
    setMissing(!granted);
    setRefused(!granted);
  };
  return (
    <div class="banner warning site-access" role="alert" data-testid="site-access">
      <p>{refused ? t('site_access_refused') : t('site_access_missing')}</p>
      <button type="button" class="button primary" onClick={() => void ask()}>
        {t('permissions_site_access_banner_allow_access_to_websites')}
      </button>
    </div>
  );
}
