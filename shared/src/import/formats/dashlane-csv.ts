// Dashlane's CSV export: a zip of one CSV per kind (credentials.csv, securenotes.csv,
// payments.csv, personalInfo.csv, ids.csv); each file can be imported alone too. The kind is told
// by the header: credentials `username,username2,username3,title,password,note,url,category,otpUrl`
// (`otpSecret` in older exports), secure notes `title,note`, payments `type,account_name,
// account_holder,cc_number,code,expiration_month,expiration_year,…`. The `category` of a
// credential becomes its folder. Other files are imported as notes keeping every column. Source:
// Dashlane Help Center, "Export your Dashlane data to a CSV file".
import { createItemCollector, type CollectorOptions, type ImportResult, type ItemCollector } from '../collect-items';
import { cardExpiry } from '../card-expiry';
import { ImportError } from '../import-error';
import { field } from '../item-draft';
import { readCsv, type CsvTable } from '../read-csv';
import { createZipReader } from '../read-zip';
import { toUrls } from '../urls';

const CREDENTIAL_COLUMNS = ['username', 'username2', 'username3', 'title', 'password', 'note', 'url', 'category', 'otpUrl', 'otpSecret'];
const PAYMENT_COLUMNS = ['type', 'account_name', 'account_holder', 'cc_number', 'code', 'expiration_month', 'expiration_year', 'note'];

export function parseDashlaneCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const collector = createItemCollector(options);
  addTable(readCsv(input), collector);
  return collector.result();
}

/** The zip: every .csv in it, in archive order; problems name lines within each file. */
export function parseDashlaneZip(input: Uint8Array, options: CollectorOptions = {}): ImportResult {
  const zip = createZipReader(input);
  const files = zip.entries.filter((e) => e.name.toLowerCase().endsWith('.csv'));
  if (files.length === 0) throw new ImportError({ code: 'zip-missing-entry', entry: 'credentials.csv' });
  const collector = createItemCollector(options);
  for (const file of files) addTable(readCsv(new TextDecoder().decode(zip.read(file.name))), collector);
  return collector.result();
}

function addTable(table: CsvTable, collector: ItemCollector): void {
  if (table.has('username') && table.has('password') && table.has('url')) return addCredentials(table, collector);
  if (table.has('cc_number')) return addPayments(table, collector);
  if (table.has('title') && table.has('note') && table.headers.length <= 3) {
    for (const row of table.rows)
      collector.add(
        { line: row.line },
        { type: 'note', fields: { name: table.get(row, 'title'), text: table.get(row, 'note') }, unmapped: table.rest(row, ['title', 'note']) },
      );
    return;
  }
  if (table.headers.length === 0) throw new ImportError({ code: 'missing-columns', columns: ['username', 'password', 'url'] });
  // personalInfo.csv, ids.csv and kinds added later: every column kept in a note.
  for (const row of table.rows) {
    const name = table.get(row, 'item_name') || table.get(row, 'title') || table.get(row, 'name') || table.get(row, 'type');
    collector.add({ line: row.line }, { type: 'note', fields: { name, text: '' }, unmapped: table.rest(row, []) });
  }
}

function addCredentials(table: CsvTable, collector: ItemCollector): void {
  for (const row of table.rows) {
    const get = (name: string): string => table.get(row, name);
    const [username = '', ...extraUsernames] = [get('username'), get('username2'), get('username3')].filter((u) => u.trim() !== '');
    collector.add(
      { line: row.line },
      {
        type: 'login',
        fields: {
          name: get('title'),
          username,
          extraUsernames,
          password: get('password'),
          urls: toUrls([get('url')]),
          notes: get('note'),
          folder: get('category').trim() || null,
        },
        totp: get('otpUrl') || get('otpSecret'),
        unmapped: table.rest(row, CREDENTIAL_COLUMNS),
      },
    );
  }
}

function addPayments(table: CsvTable, collector: ItemCollector): void {
  for (const row of table.rows) {
    const get = (name: string): string => table.get(row, name);
    if (get('cc_number').trim() === '') {
      // Bank accounts share payments.csv with cards; Keyhold has no bank type, so a note keeps them.
      collector.add(
        { line: row.line },
        { type: 'note', fields: { name: get('account_name'), text: get('note') }, unmapped: table.rest(row, ['account_name', 'note']) },
      );
      continue;
    }
    const expiry = cardExpiry({ month: get('expiration_month'), year: get('expiration_year') });
    collector.add(
      { line: row.line },
      {
        type: 'card',
        fields: {
          name: get('account_name'),
          cardholder: get('account_holder'),
          number: get('cc_number'),
          securityCode: get('code'),
          notes: get('note'),
          ...expiry.fields,
        },
        unmapped: [...expiry.unmapped, ...field('Dashlane type', get('type')), ...table.rest(row, PAYMENT_COLUMNS)],
      },
    );
  }
}
