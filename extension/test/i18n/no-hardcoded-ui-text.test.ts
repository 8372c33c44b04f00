// The lint rule that keeps literal text out of the UI (scripts/eslint-rules.mjs): it flags what a
// user would read untranslated, and lets through what no language changes.
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import keyhold from '../../../scripts/eslint-rules.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });
const rule = keyhold.rules!['no-hardcoded-ui-text']!;
const error = { messageId: 'text' };

tester.run('no-hardcoded-ui-text', rule, {
  valid: [
    { code: "<p>{t('unlock_title')}</p>" },
    { code: "<button aria-label={t('common_close')}>×</button>" },
    { code: '<span>Keyhold</span>' },
    { code: '<span> · — 42 … </span>' },
    { code: '<input data-testid="unlock-password" type="password" name="password" autocomplete="current-password" />' },
    { code: "<span class={open ? 'open' : 'closed'} />" },
    { code: "<p>{busy ? <Spinner label={t('common_saving')} /> : t('common_save')}</p>" },
    { code: "app.toast(t('common_setting_saved'))" },
    { code: "toast(t('list_toast_no_password', row.name), 'error')" },
    { code: 'app.toast(done)' },
    { code: "log('Setting saved')" },
  ],
  invalid: [
    { code: '<h1>Unlock</h1>', errors: [error] },
    { code: '<button aria-label="Close">×</button>', errors: [error] },
    { code: '<input placeholder="Search" />', errors: [error] },
    { code: "<img alt={'Logo of the site'} />", errors: [error] },
    { code: '<TextField label="Username" hint="As the site knows you" />', errors: [error, error] },
    { code: "<p>{busy ? 'Saving…' : 'Save'}</p>", errors: [error, error] },
    { code: "<p>{count > 0 && 'Items in the trash'}</p>", errors: [error] },
    { code: '<p>{`${count} items`}</p>', errors: [error] },
    { code: "<button title={locked ? t('x') : 'Lock now'} />", errors: [error] },
    { code: "app.toast('Setting saved')", errors: [error] },
    { code: "toast('This item cannot be read.', 'error')", errors: [error] },
    { code: "app.toast(field === 'password' ? `${name} has no password to copy.` : `${name} has no username to copy.`)", errors: [error, error] },
  ],
});
