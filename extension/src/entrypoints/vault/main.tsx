// The full-page vault (vault.html, opened in a tab from the popup): the same app in page layout.
// First: zod must not generate code in any extension context (messaging/zod-jitless.ts).
import '../../messaging/zod-jitless';
import { render } from 'preact';
import { App, requestOpen } from '../../ui/app/app';
import { applyDocumentLocale } from '../../i18n/locale';
import { t } from '../../i18n/messages';
import { applyStoredTheme } from '../../ui/lib/theme';
import '../../ui/styles/theme.css';
import '../../ui/styles/base.css';
import '../../ui/styles/screens.css';
import '../../ui/styles/vault-page.css';

// The first paint's data is requested before anything renders, so the reply overlaps the render.
performance.mark('keyhold:start');
const opening = requestOpen();
applyStoredTheme();
applyDocumentLocale();
document.title = t('page_title_vault');
render(<App layout="page" opening={opening} />, document.getElementById('app')!);
