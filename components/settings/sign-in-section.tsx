'use client';

import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { setSecondFactorRuleAction } from '@/lib/actions/settings';
import { SECOND_FACTOR_RULE_LABELS, SECOND_FACTOR_RULES, secondFactorRequired, type SecondFactorRule } from '@/lib/auth/second-factor-rule';
import type { SignInSettings } from '@/lib/data/settings';
import { ROLES } from '@/lib/roles';

/** How many active people a rule would send to the setup at their next click. */
function affected(rule: SecondFactorRule, without: SignInSettings['withoutSecondFactor']): number {
  return ROLES.filter((role) => secondFactorRequired(rule, role)).reduce((sum, role) => sum + without[role], 0);
}

export function SignInSection({ settings }: { settings: SignInSettings }) {
  const router = useRouter();
  const [rule, setRule] = useState<SecondFactorRule>(settings.rule);
  const [pending, startTransition] = useTransition();
  const waiting = affected(rule, settings.withoutSecondFactor);
  const save = () =>
    startTransition(async () => {
      const result = await setSecondFactorRuleAction(rule);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      router.refresh();
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign-in</CardTitle>
        <CardDescription>
          Who must sign in with a second factor (a code from an authenticator app) after their password. Each person sets theirs up under My account.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Second factor</legend>
          {SECOND_FACTOR_RULES.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="second-factor-rule"
                value={value}
                checked={rule === value}
                onChange={() => setRule(value)}
                className="size-4 accent-primary"
              />
              {SECOND_FACTOR_RULE_LABELS[value]}
            </label>
          ))}
        </fieldset>
        {rule !== 'OPTIONAL' && (
          <p className="text-sm text-muted-foreground">
            {waiting === 0
              ? 'Everyone this applies to has a second factor already.'
              : `${waiting} active ${waiting === 1 ? 'person has' : 'people have'} none yet: they are asked to set one up at their next click, before anything else.`}
          </p>
        )}
        <Button className="self-start" onClick={save} disabled={pending || rule === settings.rule}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          Save the sign-in rule
        </Button>
        <p className="border-t pt-4 text-sm">
          {settings.ssoName ? `Single sign-on is on (${settings.ssoName}). ` : 'Staff can also sign in with your company’s account. '}
          <Link href="/settings/single-sign-on" className="font-medium text-primary underline-offset-4 hover:underline">
            {settings.ssoName ? 'Change single sign-on' : 'Set up single sign-on'}
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
