'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { KeyRound, Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { finishAddingPasskey, removePasskeyAction, startAddingPasskey, type RemovePasskeyState } from '@/lib/actions/passkeys';
import type { PasskeyView } from '@/lib/auth/passkeys';

/** The person's passkeys, each with Remove, and the form that adds one. */
export function Passkeys({ passkeys }: { passkeys: PasskeyView[] }) {
  return (
    <div className="flex flex-col gap-6">
      {passkeys.length > 0 && (
        <ul aria-label="Your passkeys" className="flex flex-col divide-y rounded-md border">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="flex min-w-0 items-center gap-2">
                <KeyRound className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <span className="break-all font-medium">{passkey.name}</span>
                <span className="text-muted-foreground">
                  added <DateTime value={passkey.createdAt.toISOString()} />
                  {passkey.lastUsedAt && (
                    <>
                      , last used <DateTime value={passkey.lastUsedAt.toISOString()} />
                    </>
                  )}
                </span>
              </span>
              <RemovePasskey id={passkey.id} name={passkey.name} />
            </li>
          ))}
        </ul>
      )}
      <AddPasskey />
    </div>
  );
}

type AddState =
  | { ok: false; error: string; fieldErrors?: Partial<Record<'name' | 'current', string[]>>; /** Kept when the form resets after a failure. */ name?: string }
  | { ok: true; message: string }
  | null;

/** A name and the current password, then the device's own prompt (Touch ID, Windows Hello, a security key…). */
function AddPasskey() {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const add = async (_previous: AddState, data: FormData): Promise<AddState> => {
    const name = String(data.get('name') ?? '');
    const started = await startAddingPasskey(data);
    if (!started.ok) return { ...started, name };
    const response = await startRegistration({ optionsJSON: started.options }).catch(() => null);
    if (!response) return { ok: false, error: 'No passkey was made (the prompt was closed, or this device cannot make one). Try again.', name };
    const finished = await finishAddingPasskey({ challengeId: started.challengeId, name: started.name, response });
    if (!finished.ok) return { ...finished, name };
    router.refresh();
    return finished;
  };
  const [state, formAction, pending] = useActionState<AddState, FormData>(add, null);
  useFocusResult(state, form);
  useEffect(() => {
    if (state?.ok) toast.success(state.message);
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={form} action={formAction} aria-label="Add a passkey" className="flex flex-col gap-4 sm:max-w-sm" noValidate>
      <TextField
        id="passkey-name"
        label="Passkey name"
        name="name"
        placeholder="Work laptop"
        maxLength={60}
        required
        defaultValue={state && !state.ok ? state.name : undefined}
        errors={errors?.name}
      />
      <TextField
        id="passkey-password"
        label="Your password"
        name="current"
        type="password"
        autoComplete="current-password"
        required
        hint="Asked so that a session left open cannot add a passkey of someone else’s."
        errors={errors?.current}
      />
      {state && !state.ok && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
      <Button type="submit" className="self-start" disabled={pending}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />}
        Add a passkey
      </Button>
    </form>
  );
}

function RemovePasskey({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = async (previous: RemovePasskeyState, data: FormData): Promise<RemovePasskeyState> => {
    const result = await removePasskeyAction(previous, data);
    if (result?.ok) {
      toast.success(result.message);
      setOpen(false);
      router.refresh();
    }
    return result;
  };
  const [state, formAction, pending] = useActionState<RemovePasskeyState, FormData>(remove, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusResult(state, form);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Remove <span className="sr-only">{name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={`Remove the passkey “${name}”?`} description="It no longer signs you in. Your password confirms the change.">
        <form ref={form} action={formAction} className="flex flex-col gap-4" noValidate>
          <input type="hidden" name="passkeyId" value={id} />
          <TextField
            id={`remove-passkey-password-${id}`}
            label="Your password"
            name="current"
            type="password"
            autoComplete="current-password"
            required
            errors={errors?.current}
          />
          {state && !state.ok && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
          <Button type="submit" variant="destructive" className="self-end" disabled={pending}>
            {pending && <Loader2 className="animate-spin" aria-hidden />}
            Remove passkey
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
