// CSV as RFC 4180 writes it, safe to open in a spreadsheet.

/** A formula start (=, @, tab, CR, or + / - followed by something other than a number). */
const FORMULA_START = /^(\s*)([=@\t\r]|[+-](?![\d\s().-]*$))/;

/**
 * Every part of a cell a spreadsheet could read as a formula is prefixed with an apostrophe. Parts:
 * spreadsheets split cells on ";" as well as ",", depending on the locale, so "safe;=cmd|…" must be
 * defused after the ";" too. Phone numbers such as +14155550100 are left as they are.
 */
function defuse(value: string): string {
  return value
    .split(/([;,])/)
    .map((part) => part.replace(FORMULA_START, "$1'$2"))
    .join('');
}

/** Every cell is quoted, so that no separator or line break in a value can start a new cell. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  return `"${defuse(String(value)).replaceAll('"', '""')}"`;
}

export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
