// Every unit test runs in Node, where chrome.i18n does not exist: messages come from the English
// catalogue, read with the same format rules the browser applies (src/i18n/catalogue.ts).
import english from '../public/_locales/en/messages.json';
import { useCatalogue } from '../src/i18n/messages';

useCatalogue(english);
