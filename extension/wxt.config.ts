import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// WXT config. Auto-imports are off (STYLE.md): every dependency is a visible import.
// The manifest is a function so permissions can differ per browser (Firefox has no offscreen API).
export default defineConfig({
  srcDir: 'src',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Keyhold',
    description: 'A local-first, zero-knowledge password manager.',
    permissions: [
      'storage',
      'alarms',
      'idle',
      'activeTab',
      // The page URL of a tab: current-site suggestions and the fill shortcut need it.
      'tabs',
      'scripting',
      'contextMenus',
      'clipboardWrite',
      // Clearing the clipboard only if it still holds the secret we copied means reading it.
      'clipboardRead',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Autofill's keyboard shortcut (background/autofill/start-autofill.ts FILL_COMMAND).
    commands: {
      'fill-login': {
        suggested_key: { default: 'Ctrl+Shift+L', mac: 'Command+Shift+L' },
        description: 'Fill a login on this page (press again for the next match)',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'keyhold@keyhold.dev',
              strict_min_version: '115.0',
              // Keyhold sends nothing anywhere but the user's own sync server.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
