'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { FormAlert } from '@/components/ui/form-alert';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { saveEmailChannelAction, saveSlackChannelAction, type EmailChannelState, type SlackChannelState } from '@/lib/actions/alerts';
import type { ChannelView } from '@/lib/alerts/store';

/** A channel form's answer: focus on it, a toast when saved, and the errors beside the fields. */
function useChannelForm<State extends { ok: boolean; message?: string; fieldErrors?: object } | null>(
  action: (state: State, form: FormData) => Promise<State>,
) {
  const [state, dispatch, pending] = useActionState<State, FormData>(action, null as Awaited<State>);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusResult(state, formRef);
  useEffect(() => {
    if (state?.ok && state.message) toast.success(state.message);
  }, [state]);
  return { state, dispatch, pending, formRef };
}

/** The form's error, if any, and its save button (disabled until the page answers clicks). */
function FormFooter({ error, pending, label }: { error: string | null; pending: boolean; label: string }) {
  const hydrated = useHydrated();
  return (
    <div className="flex flex-col gap-4 sm:col-span-2">
      {error && <FormAlert>{error}</FormAlert>}
      <Button type="submit" className="w-fit" disabled={pending || !hydrated}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        {label}
      </Button>
    </div>
  );
}

function EnabledBox({ id, defaultChecked, children }: { id: string; defaultChecked: boolean; children: React.ReactNode }) {
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm sm:col-span-2">
      <input id={id} type="checkbox" name="enabled" defaultChecked={defaultChecked} className="size-4 accent-primary" />
      {children}
    </label>
  );
}

/** The SMTP server alerts are mailed through; the password is write-only. */
export function EmailChannelForm({ channel }: { channel: ChannelView }) {
  const { state, dispatch, pending, formRef } = useChannelForm<EmailChannelState>(saveEmailChannelAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const email = channel.email;
  return (
    <ActionForm ref={formRef} action={dispatch} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Email alerts">
      <EnabledBox id="email-enabled" defaultChecked={channel.configured ? channel.enabled : true}>
        Send alerts by email
      </EnabledBox>
      <TextField id="email-host" label="SMTP server" name="host" defaultValue={email?.host} placeholder="smtp.example.com" errors={errors?.host} />
      <TextField id="email-port" label="Port" name="port" inputMode="numeric" defaultValue={email?.port ?? 587} errors={errors?.port} />
      <div className="flex flex-col gap-2">
        <Label htmlFor="email-security">Security</Label>
        <NativeSelect id="email-security" name="security" defaultValue={email?.security ?? 'starttls'}>
          <option value="starttls">STARTTLS (usually port 587)</option>
          <option value="tls">TLS from the start (usually port 465)</option>
          <option value="none">None (a relay on a trusted network)</option>
        </NativeSelect>
        <FieldError id="email-security-error" messages={errors?.security} />
      </div>
      <TextField
        id="email-username"
        label="User name"
        name="username"
        autoComplete="off"
        defaultValue={email?.username}
        hint="Empty when the server needs no sign-in."
        errors={errors?.username}
      />
      <TextField
        id="email-password"
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={email?.hasPassword ? 'A password is stored. Leave this empty to keep it.' : 'None stored.'}
        errors={errors?.password}
      />
      {email?.hasPassword && (
        <label htmlFor="email-clear-password" className="flex items-center gap-2 self-end text-sm">
          <input id="email-clear-password" type="checkbox" name="clearPassword" className="size-4 accent-primary" />
          Remove the stored password
        </label>
      )}
      <TextField id="email-from" label="From" name="from" type="email" defaultValue={email?.from} placeholder="console@example.com" errors={errors?.from} />
      <TextField
        id="email-to"
        label="Send to"
        name="to"
        defaultValue={email?.to.join(', ')}
        placeholder="ops@example.com, oncall@example.com"
        hint="One or more addresses, separated by commas."
        errors={errors?.to}
        className="sm:col-span-2"
      />
      <FormFooter error={state && !state.ok ? state.error : null} pending={pending} label="Save email settings" />
    </ActionForm>
  );
}

/** A Slack-compatible incoming webhook; its address is a secret, shown only by its host once saved. */
export function SlackChannelForm({ channel }: { channel: ChannelView }) {
  const { state, dispatch, pending, formRef } = useChannelForm<SlackChannelState>(saveSlackChannelAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm ref={formRef} action={dispatch} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Slack alerts">
      <EnabledBox id="slack-enabled" defaultChecked={channel.configured ? channel.enabled : true}>
        Post alerts to Slack
      </EnabledBox>
      <TextField
        id="slack-url"
        label="Incoming-webhook address"
        name="url"
        type="password"
        autoComplete="off"
        placeholder="https://hooks.slack.com/services/…"
        hint={
          channel.slackHost
            ? `An address on ${channel.slackHost} is stored. Leave this empty to keep it.`
            : 'From Slack (Apps → Incoming Webhooks), or any service that takes Slack’s format (Mattermost, Rocket.Chat).'
        }
        errors={errors?.url}
        className="sm:col-span-2"
      />
      <FormFooter error={state && !state.ok ? state.error : null} pending={pending} label="Save Slack settings" />
    </ActionForm>
  );
}
