import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Passkeys } from '@/components/account/passkeys';
import { SecondFactorOn } from '@/components/account/second-factor-on';
import { TotpSetup } from '@/components/account/totp-setup';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { signOutEverywhereAction } from '@/lib/actions/account';
import { getMyAccount } from '@/lib/data/account';
import { describeScope } from '@/lib/number-scope';
import { ROLE_LABELS } from '@/lib/roles';

export const metadata: Metadata = { title: 'My account' };

export default async function AccountPage() {
  const { user, secondFactor, passkeys, secondFactorRequired } = await getMyAccount();
  return (
    <>
      <PageHeader
        title="My account"
        description={`${user.name}, ${user.email}, ${ROLE_LABELS[user.role].toLowerCase()}${user.numbers ? `, limited to ${describeScope(user.numbers)}` : ''}.`}
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Second factor</CardTitle>
            <CardDescription>
              {secondFactor.enabledAt ? (
                <>
                  On since <DateTime value={secondFactor.enabledAt.toISOString()} />: signing in with your password also asks for a code from your authenticator
                  app. {secondFactor.recoveryCodesLeft} of 10 recovery codes left.
                </>
              ) : (
                'Off. With an authenticator app on, a stolen password is not enough to sign in as you.'
              )}
              {secondFactorRequired && ' The console requires one for your account.'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {secondFactor.enabledAt ? <SecondFactorOn email={user.email} required={secondFactorRequired} /> : <TotpSetup email={user.email} />}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Passkeys</CardTitle>
            <CardDescription>
              {passkeys.length === 0
                ? 'None yet. A passkey (Touch ID, Face ID, Windows Hello or a security key) can answer the sign-in instead of a code from the app.'
                : `${passkeys.length === 1 ? 'One passkey' : `${passkeys.length} passkeys`}: signing in with your password can ask for one instead of a code.`}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Passkeys passkeys={passkeys} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Change password</CardTitle>
            <CardDescription>Every session of your account ends, this one too: you then sign in with the new password.</CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Sessions</CardTitle>
            <CardDescription>
              Signed in on a computer you no longer have at hand? End every session of your account, on every device, this one too.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <form action={signOutEverywhereAction}>
              <Button type="submit" variant="outline">
                Sign out everywhere
              </Button>
            </form>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
