import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Passkeys } from '@/components/account/passkeys';
import { TotpSetup } from '@/components/account/totp-setup';
import { AuthShell } from '@/components/auth/auth-shell';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { signOutAction } from '@/lib/actions/auth';
import { requireSignedIn } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Set up a second factor' };

/**
 * Where a person lands, whatever page they asked for, while the console requires a second factor
 * of them and they have none (lib/auth/guards.ts). Nothing else of the console is open to them yet.
 */
export default async function SecondFactorSetupPage() {
  const { user, secondFactorMissing } = await requireSignedIn();
  if (!secondFactorMissing) redirect('/account');
  return (
    <AuthShell wide>
      <Card>
        <CardHeader>
          <CardTitle asHeading="h1" className="text-lg">
            Set up a second factor
          </CardTitle>
          <CardDescription>
            {user.name}, the console requires a second factor for your account: a code from an authenticator app on your phone, asked for after your password.
            It takes a minute, and then the console opens.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TotpSetup email={user.email} continueHref="/" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asHeading="h2" className="text-base">
            Or add a passkey
          </CardTitle>
          <CardDescription>
            Touch ID, Face ID, Windows Hello or a security key, if this device has one: it then answers the sign-in instead of a code.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Passkeys passkeys={[]} />
        </CardContent>
      </Card>
      <form action={signOutAction} className="text-center">
        <Button type="submit" variant="link">
          Sign out
        </Button>
      </form>
    </AuthShell>
  );
}
