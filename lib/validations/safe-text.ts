import { z } from 'zod';

// What no id, search or parameter of the console ever contains: control characters. NUL among
// them cannot even be stored (PostgreSQL refuses it in text), so a value carrying one is refused
// where it comes in, with a sentence, instead of failing deep in a query.

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** An id the console made or Linq gave: short, trimmed, without control characters. */
export function idSchema(max = 100) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasControlCharacters(value), 'That id contains characters no id has.');
}

/** An ISO instant as the console writes it (what its cursors carry), within years 1–9999. */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value.slice(0, 10) && !value.startsWith('0000');
}
