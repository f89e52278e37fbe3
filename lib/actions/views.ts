'use server';

import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { viewQueryOf } from '@/lib/links';
import { asFormData } from '@/lib/validations/form-data';
import { saveViewSchema, viewIdSchema, type SaveViewField } from '@/lib/validations/views';
import { deleteView, SavedViewError, saveView } from '@/lib/views/saved-views';

export type SaveViewState = ActionResult<{ id: string }, SaveViewField> | null;

/** Saves the Chats page's filters under a name, for the person or (operators, admins) for everyone. */
export async function saveViewAction(_previous: SaveViewState, form: unknown): Promise<SaveViewState> {
  const access = await authorize('view');
  if (!access.ok) return failed(access.error);
  const formData = asFormData(form);
  const parsed = saveViewSchema.safeParse({ name: formData.get('name') ?? '', query: formData.get('query') ?? '', shared: formData.get('shared') });
  if (!parsed.success) return failed('Check the highlighted fields.', { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  try {
    const { id } = await saveView(access.user, { ...parsed.data, query: viewQueryOf(parsed.data.query) });
    return { ok: true, message: `View “${parsed.data.name}” saved${parsed.data.shared ? ' and shared with everyone' : ''}.`, id };
  } catch (error) {
    if (error instanceof SavedViewError) return failed(error.message);
    throw error;
  }
}

export async function deleteViewAction(id: unknown): Promise<ActionResult> {
  const access = await authorize('view');
  if (!access.ok) return failed(access.error);
  const parsed = viewIdSchema.safeParse(id);
  if (!parsed.success) return failed('That view could not be identified; refresh the page.');
  try {
    await deleteView(access.user, parsed.data);
    return { ok: true, message: 'View deleted.' };
  } catch (error) {
    if (error instanceof SavedViewError) return failed(error.message);
    throw error;
  }
}
