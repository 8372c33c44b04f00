// Vault health's words, in one place (as export-text.ts and import-text.ts do for theirs).
import { t, tp } from '../../../i18n/messages';
import { formatNumber } from '../../../i18n/format';

export const TEXT = {
  title: t('health_title'),
  intro: t('health_intro'),
  checkNow: t('health_check_now'),
  checkAgain: t('health_check_again'),
  cancel: t('health_cancel'),
  cancelled: t('health_cancelled'),
  neverRun: t('health_never_run'),
  allGood: (checked: number) => tp('health_all_good', checked),
  finished: (checked: number, when: string) => tp('health_finished', checked, when),
  progress: (phase: 'reading' | 'breaches' | 'saving', done: number, total: number) =>
    phase === 'reading'
      ? tp('health_progress_reading', total, formatNumber(done))
      : phase === 'breaches'
        ? tp('health_progress_breaches', total, formatNumber(done))
        : t('health_progress_saving'),
  progressLabel: t('health_progress_label'),

  breachTitle: t('health_breach_title'),
  breachExplain: t('health_breach_explain'),
  breachOn: (host: string) => t('health_breach_on', host),
  breachOff: t('health_breach_off'),
  turnOn: t('health_turn_on'),
  turnOff: t('health_turn_off'),
  notChecked: t('health_not_checked'),

  sections: {
    breached: t('health_breached'),
    reused: t('health_reused'),
    weak: t('health_weak'),
    old: t('health_old'),
  },
  sectionHint: {
    breached: t('health_hint_breached'),
    reused: t('health_hint_reused'),
    weak: t('health_hint_weak'),
    old: t('health_hint_old'),
  },
  breachCount: (count: number) => tp('health_breach_count', count),
  reusedGroup: (n: number) => tp('health_reused_group', n),
  weakScore: (score: number) => (score < 2 ? t('strength_very_weak') : t('strength_weak')),
  setAt: (date: string) => t('health_set_at', date),
  changeOn: (host: string) => t('health_change_on', host),
  showAll: (n: number) => t('health_show_all', formatNumber(n)),

  badge: (n: number) => tp('health_badge', n),
  badgeLabel: (n: number) => tp('health_badge_label', n),

  settingsTitle: t('health_settings_title'),
  settingsCheck: t('health_settings_check'),
  settingsCheckHint: t('health_settings_check_hint'),
  settingsEndpoint: t('health_settings_endpoint'),
  settingsEndpointHint: t('health_settings_endpoint_hint'),
  settingsSave: t('health_settings_save'),
  settingsReset: t('health_settings_reset'),
  settingsSaved: t('health_settings_saved'),
  permissionDenied: (origin: string) => t('health_permission_denied', origin),
};
