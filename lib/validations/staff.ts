import { z } from 'zod';
import { ROLES } from '@/lib/roles';
import { phoneNumberSchema } from '@/lib/validations/contact-card';
import { idSchema } from '@/lib/validations/safe-text';

// Shared by the browser (form hints) and the server, so nothing here may load bcrypt.
export const PASSWORD_MIN_LENGTH = 12;

export const staffNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Keep the name under 80 characters.')
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'The name contains invisible control characters.');

export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`).max(200, 'Use at most 200 characters.');

const newStaffFields = {
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')),
  name: staffNameSchema,
  role: z.enum(ROLES, 'Choose a role.'),
};

/** A new staff member gets an initial password now, or a one-time link to set their own. */
export const createStaffSchema = z.discriminatedUnion('passwordMode', [
  z.object({ ...newStaffFields, passwordMode: z.literal('password'), password: passwordSchema }),
  z.object({ ...newStaffFields, passwordMode: z.literal('link') }),
]);

export type CreateStaffField = 'email' | 'name' | 'role' | 'password';

export const roleSchema = z.enum(ROLES, 'Choose a role.');
export const staffIdSchema = idSchema(64);

export const resetPasswordSchema = z.discriminatedUnion('passwordMode', [
  z.object({ passwordMode: z.literal('password'), password: passwordSchema }),
  z.object({ passwordMode: z.literal('link') }),
]);

export const setPasswordSchema = z
  .object({ token: z.string().min(20).max(200), password: passwordSchema, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'The two passwords differ.' });

/** My account → Change password. */
export const changePasswordSchema = z
  .object({ current: z.string().min(1, 'Enter your current password.').max(200), password: passwordSchema, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'The two passwords differ.' })
  .refine((value) => value.password !== value.current, { path: ['password'], message: 'Choose a password different from the current one.' });

/** A code typed to confirm a change of the second factor: the app's 6 digits or a recovery code. */
export const factorCodeSchema = z.string().trim().min(1, 'Enter the code.').max(40, 'That code is too long.');

/** The numbers an operator or a viewer is limited to, or every number. */
export const staffNumbersSchema = z.discriminatedUnion('every', [
  z.object({ every: z.literal(true) }),
  z.object({
    every: z.literal(false),
    numbers: z.array(phoneNumberSchema).min(1, 'Choose at least one number, or give them every number.').max(1_000, 'Choose at most 1 000 numbers.'),
  }),
]);
