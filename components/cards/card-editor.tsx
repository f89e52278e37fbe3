'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import { z } from 'zod';
import type { AvatarPhoto } from '@/components/cards/card-avatar';
import { CardPreview } from '@/components/cards/card-preview';
import { CardSaveOutcome } from '@/components/cards/card-save-outcome';
import { PhotoField, type PhotoState } from '@/components/cards/photo-field';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { saveContactCardAction, type CardFormState } from '@/lib/actions/contact-cards';
import type { LinqContactCard } from '@/lib/linq/types';
import { cropToJpeg } from '@/lib/photos/browser';
import { contactCardFormSchema, NAME_MAX_LENGTH, type ContactCardField } from '@/lib/validations/contact-card';

const NO_FILE_CHOSEN = 'Choose a photo file, or pick another photo option.';

function previewPhoto(photo: PhotoState, current: string | null): AvatarPhoto {
  if (photo.mode === 'upload') return photo.objectUrl ? { src: photo.objectUrl, area: photo.percent } : null;
  if (photo.mode === 'url') return /^https:\/\/\S+$/.test(photo.url.trim()) ? { src: photo.url.trim() } : null;
  return current ? { src: current } : null;
}

export function CardEditor({ phoneNumber, card }: { phoneNumber: string; card: LinqContactCard | null }) {
  const [firstName, setFirstName] = useState(card?.firstName ?? '');
  const [lastName, setLastName] = useState(card?.lastName ?? '');
  const [chosenPhoto, setPhoto] = useState<PhotoState>({ mode: 'keep', url: '' });
  // The photo file last sent: once Linq holds it, the cropper has done its job and closes (the
  // preview shows the saved card); choosing another file opens it again.
  const [sentPhotoUrl, setSentPhotoUrl] = useState<string>();
  const [clientErrors, setClientErrors] = useState<Partial<Record<ContactCardField, string[]>>>({});
  const [state, dispatch, saving] = useActionState<CardFormState, FormData>(saveContactCardAction, null);
  const [preparing, startPreparing] = useTransition();
  const [lastSubmission, setLastSubmission] = useState<FormData | null>(null);

  const saved = state?.ok === true;
  const photo: PhotoState = saved && chosenPhoto.mode === 'upload' && chosenPhoto.objectUrl === sentPhotoUrl ? { mode: 'keep', url: '' } : chosenPhoto;
  // A field's error goes as soon as the person changes that field (the next save checks it again).
  const [edited, setEdited] = useState<{ answer: CardFormState; fields: ReadonlySet<ContactCardField> }>({ answer: state, fields: new Set() });
  if (edited.answer !== state) setEdited({ answer: state, fields: new Set() });
  const serverErrors = state?.ok === false && state.fieldErrors ? state.fieldErrors : {};
  const errors = {
    ...Object.fromEntries(Object.entries(serverErrors).filter(([field]) => !edited.fields.has(field as ContactCardField))),
    ...clientErrors,
  } as Partial<Record<ContactCardField, string[]>>;
  const busy = saving || preparing;
  const form = useRef<HTMLFormElement>(null);
  // The save's answer, or the fields a check in the browser refused, takes the focus.
  const [refusedInBrowser, setRefusedInBrowser] = useState(0);
  useFocusResult(state, form);
  useFocusResult(refusedInBrowser, form, true);

  useEffect(() => {
    if (!state) return;
    if (state.ok && state.outcome === 'applied') toast.success(state.message);
    if (state.ok && state.outcome === 'unchanged') toast.info(state.message);
    if (!state.ok && !state.fieldErrors) toast.error(state.error);
  }, [state]);

  function clearErrors(...fields: ContactCardField[]) {
    setClientErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !fields.includes(field as ContactCardField))));
    setEdited((current) => ({ ...current, fields: new Set([...current.fields, ...fields]) }));
  }

  function changePhoto(next: PhotoState) {
    setPhoto(next);
    clearErrors('photo', 'photoUrl');
  }

  function submit(formData: FormData) {
    setLastSubmission(formData);
    startPreparing(() => dispatch(formData));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = { phoneNumber, firstName, lastName, photoMode: photo.mode, photoUrl: photo.url };
    const checked = contactCardFormSchema.safeParse(values);
    const fieldErrors: Partial<Record<ContactCardField, string[]>> = checked.success ? {} : z.flattenError(checked.error).fieldErrors;
    if (photo.mode === 'upload' && !photo.objectUrl) fieldErrors.photo = [NO_FILE_CHOSEN];
    setClientErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0) return setRefusedInBrowser((count) => count + 1);

    startPreparing(async () => {
      const formData = new FormData();
      for (const [name, value] of Object.entries(values)) formData.set(name, value);
      if (photo.mode === 'upload' && photo.objectUrl && photo.pixels) {
        try {
          formData.set('photo', new File([await cropToJpeg(photo.objectUrl, photo.pixels)], 'photo.jpg', { type: 'image/jpeg' }));
        } catch {
          // The browser refused to redraw the photo (memory, a blocked blob URL): say so beside it.
          setClientErrors({ photo: ['This browser could not prepare the framed photo. Choose the file again, or try another browser.'] });
          return;
        }
      }
      setSentPhotoUrl(photo.mode === 'upload' ? photo.objectUrl : undefined);
      submit(formData);
    });
  }

  return (
    // From 1024 px the preview stays beside the form (sticky) while the person frames the photo below.
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_auto]">
      <form ref={form} onSubmit={onSubmit} noValidate className="flex flex-col gap-5" aria-label={`Contact card for ${phoneNumber}`}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="first-name"
            label="First name"
            value={firstName}
            onChange={(event) => {
              setFirstName(event.target.value);
              clearErrors('firstName');
            }}
            maxLength={NAME_MAX_LENGTH * 2}
            autoComplete="off"
            hint={`Usually the business name. Required, up to ${NAME_MAX_LENGTH} characters.`}
            errors={errors.firstName}
          />
          <TextField
            id="last-name"
            label="Last name"
            value={lastName}
            onChange={(event) => {
              setLastName(event.target.value);
              clearErrors('lastName');
            }}
            maxLength={NAME_MAX_LENGTH * 2}
            autoComplete="off"
            hint="Optional, e.g. a team or place."
            errors={errors.lastName}
          />
        </div>

        <PhotoField state={photo} onChange={changePhoto} hasCurrentPhoto={Boolean(card?.imageUrl)} errors={errors} />

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy}>
            {busy && <Loader2 className="animate-spin" aria-hidden />}
            {card ? 'Save changes' : 'Create card'}
          </Button>
          {busy && <span className="text-sm text-muted-foreground">Saving at Linq…</span>}
        </div>

        <CardSaveOutcome
          phoneNumber={phoneNumber}
          state={state}
          initiallyInactive={card !== null && !card.isActive}
          onRetry={lastSubmission ? () => submit(lastSubmission) : undefined}
          busy={busy}
        />
      </form>

      <div className="lg:sticky lg:top-4 lg:self-start">
        <CardPreview firstName={firstName} lastName={lastName} photo={previewPhoto(photo, card?.imageUrl ?? null)} />
      </div>
    </div>
  );
}
