import type { Metadata } from 'next';
import { SetPasswordForm } from '@/components/auth/set-password-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { passwordLinkUsable, USED_LINK_MESSAGE } from '@/lib/staff/tokens';

export const metadata: Metadata = { title: 'Set your password' };

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const usable = typeof token === 'string' && token.length <= 200 && (await passwordLinkUsable(token));
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle asHeading="h1" className="text-lg">
            Set your password
          </CardTitle>
          <CardDescription>Choose the password you will sign in to the console with.</CardDescription>
        </CardHeader>
        <CardContent>
          {usable ? (
            <SetPasswordForm token={token} />
          ) : token ? (
            <p role="alert" className="text-sm">
              {USED_LINK_MESSAGE}
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">
              This link is incomplete. Open it again from the message you received, or ask an admin for a new one.
            </p>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
