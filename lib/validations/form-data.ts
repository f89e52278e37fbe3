/**
 * A form action's fields. A server action is a public endpoint: what arrives as "the form" may be
 * anything, and is read as an empty form then, so that the schema refuses it like a form left blank.
 */
export function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}
