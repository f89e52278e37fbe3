'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { OneTimeLink } from '@/components/staff/one-time-link';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { RadioOption } from '@/components/ui/radio-option';
import { TextField } from '@/components/ui/text-field';
import { createStaffMember, type StaffFormState } from '@/lib/actions/staff';
import { ROLE_LABELS, ROLES } from '@/lib/roles';
import { PASSWORD_MIN_LENGTH } from '@/lib/validations/staff';

/** How the new person gets their password: set now, a link to copy, or a link emailed to them. */
type PasswordMode = 'password' | 'link' | 'email';

export function CreateStaffForm({ emailAvailable }: { emailAvailable: boolean }) {
  const [state, formAction, pending] = useActionState<StaffFormState, FormData>(createStaffMember, null);
  const formRef = useRef<HTMLFormElement>(null);
  const [passwordMode, setPasswordMode] = useState<PasswordMode>('password');
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    } else if (!state.fieldErrors) {
      toast.error(state.error);
    }
  }, [state]);

  return (
    <ActionForm ref={formRef} action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate>
      <TextField id="staff-name" label="Name" name="name" required errors={fieldErrors?.name} />
      <TextField id="staff-email" label="Email" name="email" type="email" required errors={fieldErrors?.email} />
      <div className="flex flex-col gap-2">
        <Label htmlFor="staff-role">Role</Label>
        <NativeSelect id="staff-role" name="role" defaultValue="OPERATOR">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </NativeSelect>
        <FieldError id="staff-role-error" messages={fieldErrors?.role} />
      </div>
      <fieldset className="flex flex-col gap-2 sm:col-span-2">
        <legend className="mb-1 text-sm font-medium">Password</legend>
        {/* The server reads passwordMode (password or link) and emailLink; the choice itself is for the person. */}
        <input type="hidden" name="passwordMode" value={passwordMode === 'password' ? 'password' : 'link'} />
        {passwordMode === 'email' && <input type="hidden" name="emailLink" value="on" />}
        <RadioOption name="passwordChoice" value="password" checked={passwordMode === 'password'} onChange={() => setPasswordMode('password')}>
          Set an initial password
        </RadioOption>
        <RadioOption name="passwordChoice" value="link" checked={passwordMode === 'link'} onChange={() => setPasswordMode('link')}>
          Make a one-time link for them to set their own
        </RadioOption>
        <RadioOption
          name="passwordChoice"
          value="email"
          checked={passwordMode === 'email'}
          disabled={!emailAvailable}
          aria-describedby={emailAvailable ? undefined : 'staff-email-link-hint'}
          onChange={() => setPasswordMode('email')}
        >
          Email them a one-time link to set their own
        </RadioOption>
        {!emailAvailable && (
          <p id="staff-email-link-hint" className="text-xs text-muted-foreground">
            To send links by email, set up an email server under Settings → Alerts.
          </p>
        )}
      </fieldset>
      {passwordMode === 'password' && (
        <TextField
          id="staff-password"
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. Share it with them privately.`}
          errors={fieldErrors?.password}
        />
      )}
      {state?.ok && state.link && (
        <div className="sm:col-span-2">
          <OneTimeLink link={state.link} linkFor={state.linkFor} />
        </div>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          Add staff member
        </Button>
      </div>
    </ActionForm>
  );
}
