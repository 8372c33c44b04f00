// The generator as its own screen (popup button, full-page vault pane): the generator and its history.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { TopBar } from '../../components/top-bar';
import { GeneratorPanel } from './generator-panel';
import { GeneratorHistory } from './generator-history';
import { ScreenRoot } from '../../components/screen-root';
import { t } from '../../../i18n/messages';

export function GeneratorScreen(props: { onClose: () => void }): JSX.Element {
  const [version, setVersion] = useState(0);
  return (
    <ScreenRoot class="screen generator-screen">
      <TopBar title={t('generator_panel_generator')} onBack={props.onClose} />
      <div class="screen-body">
        <GeneratorPanel onRemembered={() => setVersion((v) => v + 1)} site={{ activeTab: true }} />
        <GeneratorHistory version={version} />
      </div>
    </ScreenRoot>
  );
}
