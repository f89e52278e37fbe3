'use client';

import { Loader2 } from 'lucide-react';
import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';
import { startSsoSignIn } from '@/lib/actions/auth';

/** "Sign in with <provider>": a plain form, so it works before the page's scripts have loaded. */
export function SsoSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <form action={startSsoSignIn}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SubmitButton name={name} />
    </form>
  );
}

function SubmitButton({ name }: { name: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" className="w-full" disabled={pending}>
      {pending && <Loader2 className="animate-spin" aria-hidden />}
      Sign in with {name}
    </Button>
  );
}
