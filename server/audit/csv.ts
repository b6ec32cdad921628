// RFC 4180 CSV: CRLF line ends, a header row, fields quoted when they hold a comma, a quote or a
// line break (quotes doubled). Cells that a spreadsheet would run as a formula (starting with
// = + - @, or tab / carriage return, per OWASP) get a leading single quote, because auditors
// open these files in spreadsheets and object names and messages come from the cluster.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | number | boolean | null | undefined)[]) => `${cells.map(csvCell).join(",")}\r\n`;
