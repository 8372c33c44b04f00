// The keyboard command that fills a login (manifest `commands`, wxt.config.ts): its name, shared by
// the background that handles it and the popup that checks the browser bound it.
export const FILL_COMMAND = 'fill-login';
export const SUGGESTED_SHORTCUT = 'Ctrl+Shift+L';
