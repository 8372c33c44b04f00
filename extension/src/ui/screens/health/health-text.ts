// Vault health's words, in one place (as export-text.ts and import-text.ts do for theirs).
import { countText } from '../../lib/format';

export const TEXT = {
  title: 'Vault health',
  intro: 'Find logins whose password is breached, used more than once, easy to guess, or not changed for a year.',
  checkNow: 'Check now',
  checkAgain: 'Check again',
  cancel: 'Cancel',
  cancelled: 'Check stopped. The last finished report is still shown.',
  neverRun: 'No check has run yet. Check now to see which passwords need attention. Nothing leaves this device unless breach checks are on.',
  allGood: (checked: number) => `No problems found in ${countText(checked, 'login')} with a password.`,
  finished: (checked: number, when: string) => `${countText(checked, 'login')} checked ${when}.`,
  progress: (phase: 'reading' | 'breaches' | 'saving', done: number, total: number) =>
    phase === 'reading'
      ? `Checking passwords: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} items`
      : phase === 'breaches'
        ? `Asking about breaches: ${done.toLocaleString('en-US')} of ${countText(total, 'group')}`
        : 'Saving the report…',
  progressLabel: 'Vault health progress',

  breachTitle: 'Breached passwords',
  breachExplain:
    'Keyhold can look up whether your passwords appear in known data breaches, using the Pwned Passwords service. ' +
    'Your passwords never leave this device: for each one, Keyhold sends only the first 5 characters of its SHA-1 hash, ' +
    'which is shared by hundreds of other passwords, and compares the answer here. The answer is padded so its size reveals nothing.',
  breachOn: (host: string) => `Breach checks are on, through ${host}.`,
  breachOff: 'Breach checks are off: only reused, weak and old passwords are checked.',
  turnOn: 'Turn on breach checks',
  turnOff: 'Turn off breach checks',
  notChecked: 'Breaches were not checked in this report.',

  sections: {
    breached: 'Breached',
    reused: 'Reused',
    weak: 'Weak',
    old: 'Not changed for a year',
  },
  sectionHint: {
    breached: 'These passwords appear in known data breaches. Attackers try them first: change them.',
    reused: 'One breach of any of these sites exposes the others. Give each login its own password.',
    weak: 'These passwords are easy to guess. Use the generator for a strong one.',
    old: 'These passwords were last changed more than a year ago.',
  },
  breachCount: (count: number) => (count === 1 ? 'seen once in breaches' : `seen ${count.toLocaleString('en-US')} times in breaches`),
  reusedGroup: (n: number) => `The same password in ${n} logins`,
  weakScore: (score: number) => ['Very weak', 'Very weak', 'Weak'][score] ?? 'Weak',
  setAt: (date: string) => `Set ${date}`,
  changeOn: (host: string) => `Change password on ${host}`,
  showAll: (n: number) => `Show all ${n.toLocaleString('en-US')}`,

  badge: (n: number) => (n === 1 ? '1 login at risk' : `${n.toLocaleString('en-US')} logins at risk`),
  badgeLabel: (n: number) => `Vault health: ${n === 1 ? '1 login' : `${n.toLocaleString('en-US')} logins`} at risk. Open the report`,

  settingsTitle: 'Vault health',
  settingsCheck: 'Check passwords against known breaches',
  settingsCheckHint: 'Sends only the first 5 characters of each password’s SHA-1 hash, never the password.',
  settingsEndpoint: 'Breach check address',
  settingsEndpointHint:
    'The Pwned Passwords range API, or your sync server’s relay of it (https://your-server/pwned) so this browser contacts no one else.',
  settingsSave: 'Save address',
  settingsReset: 'Use the default',
  settingsSaved: 'Breach check address saved',
  permissionDenied: (origin: string) => `Keyhold needs your permission to connect to ${origin}.`,
};
