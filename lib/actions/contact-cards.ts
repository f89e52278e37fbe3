'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '@/lib/auth/guards';
import { saveContactCard } from '@/lib/cards/save-card';
import { getSettings } from '@/lib/env';
import { PhotoError, processPhoto } from '@/lib/photos/process';
import { photoUrl } from '@/lib/photos/public-url';
import { photoAddressProblem } from '@/lib/photos/remote-address';
import { storePhoto } from '@/lib/photos/store';
import { contactCardFormSchema, type ContactCardField } from '@/lib/validations/contact-card';
import { asFormData } from '@/lib/validations/form-data';

export type CardFormState =
  | { status: 'idle' }
  | { status: 'invalid'; message: string; fieldErrors: Partial<Record<ContactCardField, string[]>> }
  | { status: 'unchanged'; message: string }
  | { status: 'applied' | 'not_applied_yet'; message: string; fellBackToUpdate: boolean }
  | { status: 'failed'; message: string; nextStep: string; retryable: boolean; code?: number; traceId?: string };

/**
 * Creates or updates a number's contact card. Expected failures (validation, a refused photo,
 * Linq errors) come back as values; the form keeps everything the person entered.
 */
export async function saveContactCardAction(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  const formData = asFormData(submitted);
  const access = await authorize('editCards');
  if (!access.ok) return { status: 'failed', message: access.error, nextStep: 'Ask an admin if you need to edit contact cards.', retryable: false };

  const parsed = contactCardFormSchema.safeParse({
    phoneNumber: formData.get('phoneNumber'),
    firstName: formData.get('firstName') ?? '',
    lastName: formData.get('lastName') ?? '',
    photoMode: formData.get('photoMode') ?? 'keep',
    photoUrl: formData.get('photoUrl') ?? undefined,
  });
  if (!parsed.success) {
    return { status: 'invalid', message: 'Check the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const form = parsed.data;

  let imageUrl: string | undefined;
  if (form.photoMode === 'url') {
    const problem = await photoAddressProblem(form.photoUrl);
    if (problem) return { status: 'invalid', message: 'Check the highlighted fields.', fieldErrors: { photoUrl: [problem] } };
    imageUrl = form.photoUrl;
  }
  if (form.photoMode === 'upload') {
    const file = formData.get('photo');
    if (!(file instanceof File) || file.size === 0) {
      return { status: 'invalid', message: 'Check the highlighted fields.', fieldErrors: { photo: ['Choose a photo file, or pick another photo option.'] } };
    }
    try {
      const photo = await processPhoto(Buffer.from(await file.arrayBuffer()));
      await storePhoto(photo, access.user.id);
      imageUrl = photoUrl(getSettings().publicBaseUrl, photo.hash);
    } catch (error) {
      if (!(error instanceof PhotoError)) throw error;
      return { status: 'invalid', message: error.message, fieldErrors: { photo: [error.message] } };
    }
  }

  const result = await saveContactCard(access.user.id, {
    phoneNumber: form.phoneNumber,
    firstName: form.firstName,
    lastName: form.lastName,
    imageUrl,
  });

  revalidatePath('/cards');
  revalidatePath(`/cards/${encodeURIComponent(form.phoneNumber)}`);

  switch (result.status) {
    case 'unchanged':
      return { status: 'unchanged', message: 'Nothing changed: the card already looks like this.' };
    case 'applied':
      return {
        status: 'applied',
        fellBackToUpdate: result.fellBackToUpdate,
        message: result.fellBackToUpdate
          ? `Someone else created a card for ${form.phoneNumber} meanwhile; it was updated with your changes and is active.`
          : `The card for ${form.phoneNumber} is saved and active.`,
      };
    case 'not_applied_yet':
      return {
        status: 'not_applied_yet',
        fellBackToUpdate: result.fellBackToUpdate,
        message: `Linq accepted the card for ${form.phoneNumber} but has not applied it to the line yet.`,
      };
    case 'failed':
      return { status: 'failed', ...result.failure };
  }
}
