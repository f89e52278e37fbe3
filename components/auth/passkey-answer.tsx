'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { KeyRound, Loader2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { startPasskeySignIn } from '@/lib/actions/passkeys';

/**
 * "Use a passkey" at the sign-in's code step: the console's challenge, the device's prompt, and the
 * signed answer handed to the sign-in form, which sends it like a code.
 */
export function PasskeyAnswer({
  challenge,
  onAnswer,
  primary,
  pending,
}: {
  challenge: string;
  onAnswer: (answer: { challengeId: string; response: string }) => void;
  primary: boolean;
  pending: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ask = async () => {
    setAsking(true);
    setProblem(null);
    try {
      const started = await startPasskeySignIn(challenge);
      if (!started.ok) return setProblem(started.error);
      const response = await startAuthentication({ optionsJSON: started.options }).catch(() => null);
      if (!response) return setProblem('No passkey was used (the prompt was closed, or this device has none of yours). Try again, or use another way in.');
      onAnswer({ challengeId: started.challengeId, response: JSON.stringify(response) });
    } finally {
      setAsking(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" variant={primary ? 'default' : 'outline'} onClick={ask} disabled={asking || pending}>
        {asking ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />}
        Use a passkey
      </Button>
      {problem && <FormAlert>{problem}</FormAlert>}
    </div>
  );
}
