// Renders the current screen. In the popup one screen fills the window; in the full-page vault the
// list stays on the left and items, forms, the generator and the settings open in a side pane.
// Escape goes back from any screen (the list handles its own Escape).
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Screen } from '../lib/screens';
import { useApp } from './context';
import type { FirstPaint } from './app';
import { ListScreen } from '../screens/list/list-screen';
import { ItemView } from '../screens/item/item-view';
import { UnlockScreen } from '../screens/unlock/unlock-screen';
import { VaultPage } from '../screens/vault-page/vault-page';
import {
  LazyConflicts,
  LazyCreateVault,
  LazyExport,
  LazyGenerator,
  LazyHealth,
  LazyImport,
  LazyItemForm,
  LazyRecoveryConfirm,
  LazyRecoverySheet,
  LazyReset,
  LazySettings,
  LazySyncLogin,
} from './lazy-screens';

const ESCAPE_BACK: ReadonlySet<Screen['name']> = new Set([
  'item',
  'edit',
  'new',
  'generator',
  'settings',
  'reset',
  'sync-login',
  'conflicts',
  'health',
]);

export function ScreenView(props: { screen: Screen; first: FirstPaint | null }): JSX.Element {
  const app = useApp();
  const { screen } = props;

  useEffect(() => {
    if (!ESCAPE_BACK.has(screen.name)) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      app.back();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [screen.name, app]);

  if (app.layout === 'page' && isVaultScreen(screen))
    return <VaultPage first={props.first} pane={screen.name === 'list' ? null : <Pane screen={screen} first={props.first} />} />;
  if (app.layout === 'page')
    return (
      <div class="page-center">
        <Pane screen={screen} first={props.first} />
      </div>
    );
  if (!isVaultScreen(screen)) return <Pane screen={screen} first={props.first} />;
  // The popup keeps the list mounted under the other vault screens, so coming back keeps the search,
  // the filter and the scroll position (and the list refreshes itself after writes meanwhile).
  return (
    <>
      <div class="screen-stack" hidden={screen.name !== 'list'}>
        <ListScreen first={props.first} active={screen.name === 'list'} />
      </div>
      {screen.name !== 'list' && <Pane screen={screen} first={props.first} />}
    </>
  );
}

function isVaultScreen(screen: Screen): boolean {
  return (
    screen.name === 'list' ||
    screen.name === 'item' ||
    screen.name === 'edit' ||
    screen.name === 'new' ||
    screen.name === 'generator' ||
    screen.name === 'settings' ||
    screen.name === 'conflicts' ||
    screen.name === 'import' ||
    screen.name === 'export' ||
    screen.name === 'health'
  );
}

function Pane(props: { screen: Screen; first: FirstPaint | null }): JSX.Element {
  const app = useApp();
  const { screen } = props;
  const close = () => app.back();
  switch (screen.name) {
    case 'loading':
    case 'list':
      return <></>;
    case 'create':
      return <LazyCreateVault />;
    case 'recovery-show':
      return <LazyRecoverySheet recoveryKey={screen.recoveryKey} purpose={screen.purpose} />;
    case 'recovery-confirm':
      return <LazyRecoveryConfirm recoveryKey={screen.recoveryKey} />;
    case 'unlock':
      return <UnlockScreen />;
    case 'reset':
      return <LazyReset />;
    case 'item':
      return <ItemView key={screen.id} id={screen.id} onClose={close} />;
    case 'edit':
      return (
        <LazyItemForm key={`edit-${screen.id}`} mode={{ kind: 'edit', id: screen.id }} pageUrl={null} onSaved={() => app.back()} onCancel={close} />
      );
    case 'new':
      return (
        <LazyItemForm
          key={`new-${screen.type}`}
          mode={{ kind: 'new', type: screen.type }}
          pageUrl={props.first?.pageUrl ?? null}
          onSaved={(id) => app.replace({ name: 'item', id })}
          onCancel={close}
        />
      );
    case 'generator':
      return <LazyGenerator onClose={close} />;
    case 'settings':
      return <LazySettings onClose={close} />;
    case 'sync-login':
      return <LazySyncLogin onClose={close} />;
    case 'conflicts':
      return <LazyConflicts onClose={close} />;
    case 'import':
      return <LazyImport onClose={close} />;
    case 'export':
      return <LazyExport onClose={close} />;
    case 'health':
      return <LazyHealth onClose={close} />;
  }
}
