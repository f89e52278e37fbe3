// What every server action answers: success with a sentence for the person (and what else the
// caller needs), or a failure with a sentence, its next step and, for forms, the fields to fix.
// Expected failures are values; unexpected ones are thrown (error.tsx).

export type ActionSuccess<T extends object = object> = { ok: true; message: string } & T;

export type ActionFailure<Field extends string = string, Extra extends object = object> = {
  ok: false;
  /** One sentence: what went wrong, in the person's terms. */
  error: string;
  nextStep?: string;
  /** Beside each field of a form. */
  fieldErrors?: Partial<Record<Field, string[]>>;
} & Extra;

export type ActionResult<T extends object = object, Field extends string = string, Extra extends object = object> =
  ActionSuccess<T> | ActionFailure<Field, Extra>;

export function failed<Field extends string = string>(
  error: string,
  more: { nextStep?: string; fieldErrors?: Partial<Record<Field, string[]>> } = {},
): ActionFailure<Field> {
  return { ok: false, error, ...more };
}
