import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { ROLES } from '@/lib/auth/roles';

export const staffNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Keep the name under 80 characters.')
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'The name contains invisible control characters.');

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, 'Use at most 200 characters.');

export const createStaffSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')),
  name: staffNameSchema,
  role: z.enum(ROLES, 'Choose a role.'),
  password: passwordSchema,
});

export type CreateStaffInput = z.infer<typeof createStaffSchema>;
