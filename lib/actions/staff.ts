'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '@/lib/auth/guards';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { createStaffSchema, type CreateStaffInput } from '@/lib/validations/staff';

export type StaffFormState =
  | { ok: true; message: string }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<keyof CreateStaffInput, string[]>> }
  | undefined;

export async function createStaffMember(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const access = await authorize('manageStaff');
  if (!access.ok) return { ok: false, error: access.error };

  const parsed = createStaffSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors };

  const { email, name, role, password } = parsed.data;
  try {
    await db.user.create({ data: { email, name, role, passwordHash: await hashPassword(password) } });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      return { ok: false, fieldErrors: { email: ['A staff member with this email already exists.'] } };
    }
    throw error;
  }
  revalidatePath('/staff');
  return { ok: true, message: `${name} can now sign in as ${email}.` };
}
