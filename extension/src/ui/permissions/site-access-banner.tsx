// A notice at the top of the list while Keyhold may not touch web pages, with the button that asks
// the browser for that access again (site-access.ts). Nothing at all while access is granted.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hasSiteAccess, requestSiteAccess } from './site-access';

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
      <p>
        {refused
          ? 'Access to websites was not given, so Keyhold cannot fill logins in web pages.'
          : 'Keyhold has no access to websites, so it cannot show its icon in login forms or fill them.'}
      </p>
      <button type="button" class="button primary" onClick={() => void ask()}>
        Allow access to websites
      </button>
    </div>
  );
}
