// The bar at the top of a screen: an optional back button, the title, and the screen's actions.
import type { ComponentChildren, JSX } from 'preact';
import { IconButton } from './icon-button';
import { t } from '../../i18n/messages';

export function TopBar(props: { title: string; onBack?: () => void; backLabel?: string; children?: ComponentChildren }): JSX.Element {
  return (
    <header class="top-bar">
      {props.onBack && <IconButton icon="back" label={props.backLabel ?? t('common_back')} onClick={props.onBack} />}
      <h1 class="top-bar-title">{props.title}</h1>
      <div class="top-bar-actions">{props.children}</div>
    </header>
  );
}
