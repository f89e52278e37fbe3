import { z } from 'zod';

export const NAME_MAX_LENGTH = 64;

// Control characters, and the invisible direction overrides that can make a name display as
// something other than what it contains. Zero-width joiners stay allowed: emoji need them.
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const namePart = (label: string) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .refine((value) => [...value].length <= NAME_MAX_LENGTH, `Keep the ${label} to ${NAME_MAX_LENGTH} characters or fewer.`)
    .refine((value) => !FORBIDDEN_CHARACTERS.test(value), `The ${label} contains invisible control characters; type it again.`);

export const firstNameSchema = namePart('first name').refine((value) => value.length > 0, 'Enter a first name: it is the name customers see.');
export const lastNameSchema = namePart('last name');

export const phoneNumberSchema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Use the international format, e.g. +14155550100.');

export const photoUrlSchema = z
  .string()
  .trim()
  .max(2048, 'That address is too long.')
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Give a full https:// address that anyone on the internet can open.');

export const contactCardFormSchema = z.discriminatedUnion('photoMode', [
  z.object({ photoMode: z.literal('keep'), phoneNumber: phoneNumberSchema, firstName: firstNameSchema, lastName: lastNameSchema }),
  z.object({ photoMode: z.literal('upload'), phoneNumber: phoneNumberSchema, firstName: firstNameSchema, lastName: lastNameSchema }),
  z.object({ photoMode: z.literal('url'), phoneNumber: phoneNumberSchema, firstName: firstNameSchema, lastName: lastNameSchema, photoUrl: photoUrlSchema }),
]);

export type ContactCardField = 'firstName' | 'lastName' | 'photo' | 'photoUrl';
