// CSV as RFC 4180 writes it, safe to open in a spreadsheet.

/**
 * A cell a spreadsheet would run as a formula (=, @, or + / - followed by something other than a
 * number, e.g. "=HYPERLINK(...)" or "+cmd|..."), is prefixed with an apostrophe. Phone numbers
 * such as +14155550100 are left as they are.
 */
function defuse(value: string): string {
  return /^[=@\t\r]|^[+-](?![\d\s().-]*$)/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = defuse(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
