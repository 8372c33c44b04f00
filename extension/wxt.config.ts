import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

// WXT config. Auto-imports are off (STYLE.md): every dependency is a visible import.
// Manifest V3 for every browser (docs/adr/0011-firefox-mv3.md): `wxt build -b firefox` and
// `wxt zip -b firefox` make extension/.output/firefox-mv3 without a flag. The manifest is a function
// so permissions can differ per browser (Firefox has no offscreen API: its background is an event
// page, a document that can reach the clipboard itself).
export default defineConfig({
  srcDir: 'src',
  imports: false,
  manifestVersion: 3,
  // Store zips are keyhold-VERSION-chrome.zip, -firefox.zip and (for Firefox's review) -sources.zip.
  zip: { name: 'keyhold' },
  vite: () => ({ plugins: [preact(), noGeneratedCode(), compileOnLoad(PAGE_SCRIPTS)], worker: { plugins: () => [noGeneratedCode()] } }),
  manifest: ({ browser }) => ({
    // Name and description from the English catalogue and its translations (docs/architecture.md,
    // "Strings and locales"); the browser picks the catalogue of its UI language.
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      'idle',
      'activeTab',
      // The page URL of a tab: current-site suggestions and the fill shortcut need it.
      'tabs',
      // A navigation that failed with a certificate error: autofill stays off on that host even after
      // the user clicks through the warning (autofill/service/cert-errors.ts). Its install warning
      // ("read your browsing history") is the one 'tabs' already brings.
      'webNavigation',
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
        description: '__MSG_command_fill_login__',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    // Passkeys (background/passkeys/start-passkeys.ts): the main-world wrapper of navigator.credentials
    // and its isolated-world bridge, in the manifest so they are in place from a browser's first page
    // on (a registered script can miss the pages that load while the browser starts).
    content_scripts: [
      {
        matches: ['http://*/*', 'https://*/*'],
        js: ['passkeys-main.js'],
        run_at: 'document_start',
        all_frames: true,
        match_about_blank: true,
        world: 'MAIN',
      },
      { matches: ['http://*/*', 'https://*/*'], js: ['passkeys-bridge.js'], run_at: 'document_start', all_frames: true, match_about_blank: true },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'keyhold@keyhold.dev',
              // ESR 140: the oldest Firefox that reads data_collection_permissions, which
              // addons.mozilla.org requires of new add-ons (ADR 0011 lists what else MV3 needs).
              strict_min_version: '140.0',
              // Keyhold sends nothing anywhere but the user's own sync server.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});

/**
 * Takes two string-to-code fallbacks out of third-party code before it is bundled, so no extension
 * context even contains a `Function` constructor call (Firefox's add-on review flags each one, and
 * MV3's CSP forbids running them anyway):
 * - zod 4 probes `new Function("")` to decide whether to compile fast parsers. Keyhold runs zod
 *   jitless (messaging/zod-jitless.ts), so the probe's answer is always "no": say so statically.
 * - kdbxweb's webpack bundle finds the global object with `Function("return this")()` when
 *   `globalThis` is missing, which it never is in a browser this build targets.
 * A dependency update that changes either text fails the build here, rather than slipping through.
 */
function noGeneratedCode(): Plugin {
  const rewrites: { file: RegExp; from: RegExp; to: string }[] = [
    { file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/, from: /const F = Function;\s*new F\(""\);\s*return true;/, to: 'return false;' },
    {
      file: /[\\/]kdbxweb[\\/]dist[\\/]kdbxweb(\.min)?\.js$/,
      from: /this\s*\|\|\s*new Function\(["']return this["']\)\(\)/,
      to: 'this || globalThis',
    },
  ];
  return {
    name: 'keyhold:no-generated-code',
    enforce: 'pre',
    transform(code, id) {
      const rewrite = rewrites.find((r) => r.file.test(id.split('?')[0]!));
      if (!rewrite) return null;
      if (!rewrite.from.test(code)) this.error(`${id} no longer contains ${String(rewrite.from)}: update noGeneratedCode() in wxt.config.ts`);
      return { code: code.replace(rewrite.from, rewrite.to), map: null };
    },
  };
}

/**
 * The scripts every http(s) frame runs (manifest content_scripts above, and the always-on autofill
 * script that background/autofill/start-autofill.ts registers): small, and run at load almost whole.
 */
const PAGE_SCRIPTS = ['autofill-boot.js', 'passkeys-main.js', 'passkeys-bridge.js'];
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Marks the page scripts with V8's explicit compile hint (the magic comment
 * `//# allFunctionsCalledOnLoad`, read by Chromium 136 and later; other engines see a comment). Without
 * it V8 compiles each function lazily at its first call, which parses it a second time. For the
 * always-on autofill script that was about 0.35–0.45 ms of every page's script time, a third of
 * what Keyhold cost an idle page; the two passkey scripts gained about 0.15 ms more together, though
 * part of them waits for a WebAuthn call (bench/suites/autofill.ts, idle_page_ms; A/B in one run,
 * 5,000-element page). Added after minification, which would drop it as a comment. Not for the
 * engine, the popup or the background: most of their functions are not called at load.
 */
function compileOnLoad(fileNames: readonly string[]): Plugin {
  return {
    name: 'keyhold:compile-on-load',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && fileNames.includes(file.fileName)) file.code = `${COMPILE_HINT}\n${file.code}`;
      }
    },
  };
}
