// Screens loaded on first use (see components/lazy.tsx): everything not needed for the popup's first
// paint when the vault is unlocked or locked.
import { lazyComponent } from '../components/lazy';
import type { FormMode } from '../screens/form/item-form';
import type { RecoverySheetPurpose } from '../screens/onboarding/recovery-key-sheet';

export const LazyItemForm = lazyComponent<{ mode: FormMode; pageUrl: string | null; onSaved: (id: string) => void; onCancel: () => void }>(() =>
  import('../screens/form/item-form').then((m) => m.ItemForm),
);
export const LazyGenerator = lazyComponent<{ onClose: () => void }>(() =>
  import('../screens/generator/generator-screen').then((m) => m.GeneratorScreen),
);
export const LazySettings = lazyComponent<{ onClose: () => void }>(() => import('../screens/settings/settings-screen').then((m) => m.SettingsScreen));
export const LazyCreateVault = lazyComponent<Record<string, never>>(() => import('../screens/onboarding/create-vault').then((m) => m.CreateVault));
export const LazyRecoverySheet = lazyComponent<{ recoveryKey: string; purpose: RecoverySheetPurpose }>(() =>
  import('../screens/onboarding/recovery-key-sheet').then((m) => m.RecoveryKeySheet),
);
export const LazyRecoveryConfirm = lazyComponent<{ recoveryKey: string | null }>(() =>
  import('../screens/onboarding/recovery-confirm').then((m) => m.RecoveryConfirm),
);
export const LazyReset = lazyComponent<Record<string, never>>(() => import('../screens/unlock/reset-screen').then((m) => m.ResetScreen));
export const LazySyncLogin = lazyComponent<{ onClose: () => void }>(() => import('../screens/sync/sync-screens').then((m) => m.SyncLoginScreen));
export const LazyImport = lazyComponent<{ onClose: () => void }>(() => import('../screens/import/import-screen').then((m) => m.ImportScreen));
export const LazyExport = lazyComponent<{ onClose: () => void }>(() => import('../screens/export/export-screen').then((m) => m.ExportScreen));
export const LazyHealth = lazyComponent<{ onClose: () => void }>(() => import('../screens/health/health-screen').then((m) => m.HealthScreen));
export const LazyConflicts = lazyComponent<{ onClose: () => void }>(() => import('../screens/sync/sync-screens').then((m) => m.ConflictsScreen));
