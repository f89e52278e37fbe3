'use client';

import { Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { FieldError } from '@/components/ui/field-error';
import { FormAlert } from '@/components/ui/form-alert';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { saveSsoSettingsAction, turnOffSsoAction, type SsoSettingsState } from '@/lib/actions/single-sign-on';
import type { SsoSettingsPage } from '@/lib/data/settings';

/** The provider's connection, who may join, and whether password sign-in stays open. The secret is write-only. */
export function SsoForm({ page, currentUserId }: { page: SsoSettingsPage; currentUserId: string }) {
  const { settings, admins } = page;
  const [state, dispatch, pending] = useActionState<SsoSettingsState, FormData>(saveSsoSettingsAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const [ssoOnly, setSsoOnly] = useState(settings?.ssoOnly ?? false);
  const [breakGlass, setBreakGlass] = useState(settings?.breakGlassUserId ?? currentUserId);
  useFocusResult(state, formRef);
  useEffect(() => {
    if (state?.ok) toast.success(state.message);
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm ref={formRef} action={dispatch} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Single sign-on">
      <TextField
        id="sso-name"
        label="Name on the button"
        name="name"
        defaultValue={settings?.name}
        placeholder="Okta"
        hint="The sign-in page shows “Sign in with” and this name."
        errors={errors?.name}
      />
      <TextField
        id="sso-issuer"
        label="Issuer"
        name="issuer"
        defaultValue={settings?.issuer}
        placeholder="https://example.okta.com"
        hint="The provider’s issuer address; the console checks it answers before saving."
        errors={errors?.issuer}
      />
      <TextField id="sso-client-id" label="Client ID" name="clientId" autoComplete="off" defaultValue={settings?.clientId} errors={errors?.clientId} />
      <TextField
        id="sso-client-secret"
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="new-password"
        hint={settings?.hasSecret ? 'A secret is stored. Leave this empty to keep it.' : 'Stored encrypted, never shown again.'}
        errors={errors?.clientSecret}
      />
      <TextField
        id="sso-domain"
        label="Allowed email domain (optional)"
        name="allowedDomain"
        defaultValue={settings?.allowedDomain}
        placeholder="example.com"
        hint="People of this domain who are not on the Staff page yet join at their first sign-in. Empty: only people on the Staff page."
        errors={errors?.allowedDomain}
      />
      <div className="flex flex-col gap-2">
        <Label htmlFor="sso-role">Their role</Label>
        <NativeSelect
          id="sso-role"
          name="defaultRole"
          defaultValue={settings?.defaultRole === 'OPERATOR' ? 'OPERATOR' : 'VIEWER'}
          aria-describedby="sso-role-error"
        >
          <option value="VIEWER">Viewer (reads only)</option>
          <option value="OPERATOR">Operator (edits cards and shares)</option>
        </NativeSelect>
        <FieldError id="sso-role-error" messages={errors?.defaultRole} />
      </div>
      <label htmlFor="sso-only" className="flex items-center gap-2 text-sm sm:col-span-2">
        <input
          id="sso-only"
          type="checkbox"
          name="ssoOnly"
          checked={ssoOnly}
          onChange={(event) => setSsoOnly(event.target.checked)}
          className="size-4 accent-primary"
        />
        SSO only: turn password sign-in off for everyone but one admin
      </label>
      {ssoOnly && (
        <div className="flex flex-col gap-2 sm:col-span-2">
          <Label htmlFor="sso-break-glass">Break-glass admin</Label>
          <NativeSelect
            id="sso-break-glass"
            name="breakGlassUserId"
            value={breakGlass}
            onChange={(event) => setBreakGlass(event.target.value)}
            aria-describedby="sso-break-glass-hint sso-break-glass-error"
          >
            {admins.map((admin) => (
              <option key={admin.id} value={admin.id}>
                {admin.name} ({admin.email})
              </option>
            ))}
          </NativeSelect>
          <p id="sso-break-glass-hint" className="text-xs text-muted-foreground">
            The one person who can still sign in with a password, should the provider ever fail. Everyone else’s password sessions end at their next click
            {breakGlass === currentUserId ? '.' : ', including yours.'}
          </p>
          <FieldError id="sso-break-glass-error" messages={errors?.breakGlassUserId} />
        </div>
      )}
      {!ssoOnly && <input type="hidden" name="breakGlassUserId" value="" />}
      <div className="flex flex-col gap-4 sm:col-span-2">
        {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
        <Button type="submit" className="w-fit" disabled={pending || !hydrated}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          Save single sign-on
        </Button>
      </div>
    </ActionForm>
  );
}

/** Turns SSO off after a confirmation that says what changes. */
export function TurnOffSso({ name }: { name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const turnOff = () =>
    startTransition(async () => {
      const result = await turnOffSsoAction();
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      setOpen(false);
      router.refresh();
    });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" className="w-fit">
          Turn single sign-on off
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Turn single sign-on off?"
        description={`The sign-in page no longer offers ${name}, and everyone signs in with a password again. People who joined through it have no password yet: an admin sends them a set-password link from the Staff page.`}
      >
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="outline">Keep it on</Button>
          </DialogClose>
          <Button variant="destructive" onClick={turnOff} disabled={pending}>
            {pending && <Loader2 className="animate-spin" aria-hidden />}
            Turn off
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
