// Loads a screen's code on first use, so the popup's first paint ships only the list, the item view
// and the unlock screen (the password-strength dictionaries and the word list are large).
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Spinner } from './spinner';
import { t } from '../../i18n/messages';

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P): JSX.Element {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      pending ??= load().then((c) => (loaded = c));
      pending.then((c) => setComponent(() => c)).catch(() => setFailed(true));
    }, [component]);
    if (failed)
      return (
        <p class="error-text" role="alert">
          {t('lazy_this_part_of_keyhold_could')}
        </p>
      );
    if (!component)
      return (
        <div class="lazy-wait">
          <Spinner label={t('common_loading')} />
        </div>
      );
    const Component = component;
    return <Component {...props} />;
  };
}
