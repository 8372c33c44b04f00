// A notice in the popup while the fill shortcut is not bound (shortcut-status.ts), with the way to
// the browser's shortcut settings. Nothing at all while it is bound.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SUGGESTED_SHORTCUT } from '../../autofill/commands';
import { isFillShortcutMissing, openShortcutSettings } from './shortcut-status';
import { t } from '../../i18n/messages';

export const SHORTCUT_TEXT = {
  missing: t('shortcut_missing', SUGGESTED_SHORTCUT),
  fix: t('shortcut_fix'),
};

export function ShortcutNotice(): JSX.Element | null {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    isFillShortcutMissing().then(
      (yes) => live && setMissing(yes),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (!missing) return null;
  return (
    <div class="banner shortcut-notice" role="status" data-testid="shortcut-notice">
      <p>{SHORTCUT_TEXT.missing}</p>
      <button type="button" class="link-button" onClick={() => void openShortcutSettings().catch(() => undefined)}>
        {SHORTCUT_TEXT.fix}
      </button>
    </div>
  );
}
