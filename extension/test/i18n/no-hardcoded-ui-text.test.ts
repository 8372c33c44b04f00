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
  ],
});
