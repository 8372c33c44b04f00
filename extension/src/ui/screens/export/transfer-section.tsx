// "Import and export" in the settings: in the full-page vault, buttons that open the two screens;
// in the popup (where a file picker would close the popup), a button that opens the full-page vault.
import type { JSX } from 'preact';
import { browser } from 'wxt/browser';
import { useApp } from '../../app/context';
import { TEXT } from './export-text';

export function TransferSection(): JSX.Element {
  const app = useApp();
  return (
    <section class="settings-section" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{TEXT.sectionTitle}</h2>
      <p class="hint">{TEXT.sectionHint}</p>
      <div class="button-row">
        {app.layout === 'page' ? (
          <>
            <button type="button" class="button" onClick={() => app.go({ name: 'import' })}>
              {TEXT.importButton}
            </button>
            <button type="button" class="button" onClick={() => app.go({ name: 'export' })}>
              {TEXT.exportButtonOpen}
            </button>
          </>
        ) : (
          <button type="button" class="button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/vault.html') })}>
            {TEXT.openPageButton}
          </button>
        )}
      </div>
    </section>
  );
}
