'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { saveContactCard } from '@/lib/cards/save-card';
import { getSettings } from '@/lib/env';
import { covers, NOT_YOUR_NUMBER } from '@/lib/number-scope';
import { PhotoError, processPhoto } from '@/lib/photos/process';
import { photoUrl } from '@/lib/photos/public-url';
import { photoAddressProblem } from '@/lib/photos/remote-address';
import { storePhoto } from '@/lib/photos/store';
import { contactCardFormSchema, type ContactCardField } from '@/lib/validations/contact-card';
import { asFormData } from '@/lib/validations/form-data';

/** What a save did with the card: applied, accepted but not applied yet, or nothing to change. */
export type CardSaveOutcome = 'applied' | 'not_applied_yet' | 'unchanged';

/**
 * A save's answer (null before the first): its outcome, or why not: the fields to fix, or what
 * Linq said (with whether retrying can help, its code and trace id).
 */
export type CardFormState = ActionResult<
  { outcome: CardSaveOutcome; fellBackToUpdate: boolean },
  ContactCardField,
  { retryable?: boolean; code?: number; traceId?: string }
> | null;

const CHECK_FIELDS = 'Check the highlighted fields.';

/**
 * Creates or updates a number's contact card. Expected failures (validation, a refused photo,
 * Linq errors) come back as values; the form keeps everything the person entered.
 */
export async function saveContactCardAction(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  const formData = asFormData(submitted);
  const access = await authorize('editCards');
  if (!access.ok) return failed(access.error, { nextStep: 'Ask an admin if you need to edit contact cards.' });

  const parsed = contactCardFormSchema.safeParse({
    phoneNumber: formData.get('phoneNumber'),
    firstName: formData.get('firstName') ?? '',
    lastName: formData.get('lastName') ?? '',
    photoMode: formData.get('photoMode') ?? 'keep',
    photoUrl: formData.get('photoUrl') ?? undefined,
  });
  if (!parsed.success) {
    return failed(CHECK_FIELDS, { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  }
  const form = parsed.data;
  if (!covers(access.user.numbers, form.phoneNumber)) return failed(NOT_YOUR_NUMBER);

  let imageUrl: string | undefined;
  if (form.photoMode === 'url') {
    const problem = await photoAddressProblem(form.photoUrl);
    if (problem) return failed(CHECK_FIELDS, { fieldErrors: { photoUrl: [problem] } });
    imageUrl = form.photoUrl;
  }
  if (form.photoMode === 'upload') {
    const file = formData.get('photo');
    if (!(file instanceof File) || file.size === 0) {
      return failed(CHECK_FIELDS, { fieldErrors: { photo: ['Choose a photo file, or pick another photo option.'] } });
    }
    try {
      const photo = await processPhoto(Buffer.from(await file.arrayBuffer()));
      await storePhoto(photo, access.user.id);
      imageUrl = photoUrl(getSettings().publicBaseUrl, photo.hash);
    } catch (error) {
      if (!(error instanceof PhotoError)) throw error;
      return failed(error.message, { fieldErrors: { photo: [error.message] } });
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
      return { ok: true, outcome: 'unchanged', fellBackToUpdate: false, message: 'Nothing changed: the card already looks like this.' };
    case 'applied':
      return {
        ok: true,
        outcome: 'applied',
        fellBackToUpdate: result.fellBackToUpdate,
        message: result.fellBackToUpdate
          ? `Someone else created a card for ${form.phoneNumber} meanwhile; it was updated with your changes and is active.`
          : `The card for ${form.phoneNumber} is saved and active.`,
      };
    case 'not_applied_yet':
      return {
        ok: true,
        outcome: 'not_applied_yet',
        fellBackToUpdate: result.fellBackToUpdate,
        message: `Linq accepted the card for ${form.phoneNumber} but has not applied it to the line yet.`,
      };
    case 'failed': {
      const { message, ...failure } = result.failure;
      return { ok: false, error: message, ...failure };
    }
  }
}
