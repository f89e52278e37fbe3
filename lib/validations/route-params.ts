import { z } from 'zod';
import { phoneNumberSchema } from '@/lib/validations/contact-card';

/** A query value as the page receives it: the first when the address repeats the name. */
export const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** An optional phone-number filter in a query: anything else reads as no filter. */
export const phoneNumberQuery = z.preprocess(firstValue, phoneNumberSchema.optional().catch(undefined));

/**
 * A phone number from an address segment ("/cards/%2B14155550100"), or null when the segment is
 * not one: a malformed percent-encoding included, which would otherwise throw.
 */
export function phoneNumberParam(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return phoneNumberSchema.safeParse(decoded).success ? decoded : null;
}

export const BAD_PHONE_PARAM = 'That address does not name a phone number: numbers are written in the international format, e.g. +14155550100.';
