// Keyhold's passkey dialog window (passkeys/ui/passkey-dialog.tsx), opened by the background for one
// pending WebAuthn call named in the URL (?request=<id>).
import '../../messaging/zod-jitless';
import { render } from 'preact';
import { PasskeyDialog } from '../../passkeys/ui/passkey-dialog';
import { applyDocumentLocale } from '../../i18n/locale';
import { t } from '../../i18n/messages';
import { applyStoredTheme } from '../../ui/lib/theme';
import '../../ui/styles/theme.css';
import '../../ui/styles/base.css';
import '../../ui/styles/screens.css';

applyStoredTheme();
applyDocumentLocale();
document.title = t('page_title_passkey');
const requestId = new URLSearchParams(location.search).get('request') ?? '';
render(<PasskeyDialog requestId={requestId} />, document.getElementById('app')!);
