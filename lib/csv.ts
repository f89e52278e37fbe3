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

export type Cells = ReadonlyArray<string | number | boolean | null | undefined>;

/** Every cell is quoted, so that no separator or line break in a value can start a new cell. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  return `"${defuse(String(value)).replaceAll('"', '""')}"`;
}

export function csvRow(values: Cells): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * A CSV download read from the database a batch at a time as the client takes it, so memory stays
 * the same whether it is ten rows or a million. `nextBatch` gets the last row of the previous batch
 * (null at first) and returns up to `batchSize` rows; a shorter batch is the last.
 */
export function csvStream<T>(
  header: readonly string[],
  batchSize: number,
  nextBatch: (after: T | null) => Promise<T[]>,
  cells: (row: T) => Cells,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: T | null = null;
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // The byte-order mark makes spreadsheets read the file as UTF-8 (names with accents, emoji).
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
        return;
      }
      const rows = await nextBatch(after);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => csvRow(cells(row))).join('')));
      if (rows.length < batchSize) return controller.close();
      after = rows.at(-1)!;
    },
  });
}
