'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { OneTimeLink } from '@/components/staff/one-time-link';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { createStaffMember, type StaffFormState } from '@/lib/actions/staff';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';

export function CreateStaffForm() {
  const [state, formAction, pending] = useActionState<StaffFormState, FormData>(createStaffMember, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const [passwordMode, setPasswordMode] = useState<'password' | 'link'>('password');
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    } else if (state.error) {
      toast.error(state.error);
    }
  }, [state]);

  return (
    <ActionForm ref={formRef} action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate>
      <div className="flex flex-col gap-2">
        <Label htmlFor="staff-name">Name</Label>
        <Input id="staff-name" name="name" required aria-invalid={Boolean(fieldErrors?.name)} aria-describedby="staff-name-error" />
        <FieldError id="staff-name-error" messages={fieldErrors?.name} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="staff-email">Email</Label>
        <Input id="staff-email" name="email" type="email" required aria-invalid={Boolean(fieldErrors?.email)} aria-describedby="staff-email-error" />
        <FieldError id="staff-email-error" messages={fieldErrors?.email} />
      </div>
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
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="passwordMode" value="password" checked={passwordMode === 'password'} onChange={() => setPasswordMode('password')} className="accent-primary" />
          Set an initial password
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="passwordMode" value="link" checked={passwordMode === 'link'} onChange={() => setPasswordMode('link')} className="accent-primary" />
          Make a one-time link for them to set their own
        </label>
      </fieldset>
      {passwordMode === 'password' && (
        <div className="flex flex-col gap-2">
          <Label htmlFor="staff-password">Initial password</Label>
          <Input
            id="staff-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={Boolean(fieldErrors?.password)}
            aria-describedby="staff-password-hint staff-password-error"
          />
          <p id="staff-password-hint" className="text-xs text-muted-foreground">
            At least {PASSWORD_MIN_LENGTH} characters. Share it with them privately.
          </p>
          <FieldError id="staff-password-error" messages={fieldErrors?.password} />
        </div>
      )}
      {state?.ok && state.link && (
        <div className="sm:col-span-2">
          <OneTimeLink link={state.link} />
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
