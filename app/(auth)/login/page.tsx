import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth/auth-shell';
import { LoginForm } from '@/components/auth/login-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getCurrentUser, type SessionEnd } from '@/lib/auth/guards';
import { DEMO_ADMIN_EMAIL, demoAdminAwaitingFirstSignIn } from '@/lib/staff/first-admin';
import { safeCallbackPath } from '@/lib/validations/auth';

export const metadata: Metadata = { title: 'Sign in' };

/** Why the person was sent here from a page they had open (requireUser, the live stream). */
const SESSION_ENDED: Record<SessionEnd, string> = {
  disabled: 'An admin disabled your account, so you were signed out. Ask an admin if you think this is a mistake.',
  removed: 'Your account no longer exists, so you were signed out. Ask an admin if you need access.',
  password_changed: 'Your password was changed, so every session was signed out. Sign in with the new password.',
  signed_out_everywhere: 'You signed out everywhere, so every session of your account ended. Sign in again to continue.',
  signed_out: 'You signed out in another tab. Sign in again to continue.',
  expired: 'Your session expired. Sign in again to continue.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; ended?: string; email?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const ended = params.ended && Object.hasOwn(SESSION_ENDED, params.ended) ? SESSION_ENDED[params.ended as SessionEnd] : null;
  if (await getCurrentUser()) redirect(callbackUrl);
  const showDemoHint = await demoAdminAwaitingFirstSignIn();

  return (
    <AuthShell>
      <Card>
        <CardHeader>
          <CardTitle asHeading="h1" className="text-lg">
            Sign in
          </CardTitle>
          <CardDescription>Use the email and password an admin gave you.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {ended && (
            <p role="status" className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
              {ended}
            </p>
          )}
          <LoginForm callbackUrl={callbackUrl} email={typeof params.email === 'string' ? params.email.slice(0, 320) : undefined} />
        </CardContent>
      </Card>
      {showDemoHint && (
        <p className="rounded-lg border bg-card px-4 py-3 text-sm text-muted-foreground">
          <strong className="text-foreground">First start?</strong> A demo admin, <code>{DEMO_ADMIN_EMAIL}</code>, was created. Its password was printed once in
          the server&apos;s log: the terminal where <code>npm run dev</code> or <code>npm start</code> is running (with JSON logs, it is in the data
          folder&apos;s <code>demo-admin-password</code> file instead).
        </p>
      )}
    </AuthShell>
  );
}
