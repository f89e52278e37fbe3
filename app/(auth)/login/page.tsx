import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth/auth-shell';
import { LoginForm } from '@/components/auth/login-form';
import { SsoSignIn } from '@/components/auth/sso-sign-in';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getCurrentUser, type SessionEnd } from '@/lib/auth/guards';
import { readSignInPolicy, readSsoConnection } from '@/lib/auth/sso';
import { isSsoRefusal, SSO_REFUSAL_SENTENCES } from '@/lib/auth/sso-admission';
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
  sso_only: 'Password sign-in was turned off: sign in with your company’s single sign-on instead.',
};

/**
 * Why single sign-on did not let the person in: `sso` is the console's own reason; `error` is
 * Auth.js's (a state or nonce that did not match, a provider that answered wrongly…).
 */
function ssoProblem(params: { sso?: string; error?: string }, providerName: string): string | null {
  if (isSsoRefusal(params.sso)) return SSO_REFUSAL_SENTENCES[params.sso];
  if (params.sso === 'off') return 'Single sign-on is no longer set up for this console. Sign in with your password, or ask an admin.';
  if (params.sso === 'unreachable') {
    return `The console could not reach ${providerName} to start the sign-in. Try again in a moment; if it keeps failing, ask an admin to check Settings → Sign-in.`;
  }
  if (params.error) {
    return `Signing in with ${providerName} did not complete: its answer could not be checked (it may have come from another tab, or too late). Start again from the button below.`;
  }
  return null;
}

type LoginParams = { callbackUrl?: string; ended?: string; email?: string; sso?: string; error?: string };

export default async function LoginPage({ searchParams }: { searchParams: Promise<LoginParams> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const ended = params.ended && Object.hasOwn(SESSION_ENDED, params.ended) ? SESSION_ENDED[params.ended as SessionEnd] : null;
  if (await getCurrentUser()) redirect(callbackUrl);
  const [showDemoHint, sso, policy] = await Promise.all([demoAdminAwaitingFirstSignIn(), readSsoConnection(), readSignInPolicy()]);
  const problem = ssoProblem(params, sso?.name ?? 'single sign-on');
  const passwordForm = <LoginForm callbackUrl={callbackUrl} email={typeof params.email === 'string' ? params.email.slice(0, 320) : undefined} />;

  return (
    <AuthShell>
      <Card>
        <CardHeader>
          <CardTitle asHeading="h1" className="text-lg">
            Sign in
          </CardTitle>
          <CardDescription>
            {sso ? `Use your company's sign-in (${sso.name}).` : 'Use the email and password an admin gave you.'}
            {sso && !policy.ssoOnly && ' Or the email and password an admin gave you.'}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {ended && (
            <p role="status" className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
              {ended}
            </p>
          )}
          {problem && (
            <p role="alert" className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {problem}
            </p>
          )}
          {sso && <SsoSignIn name={sso.name} callbackUrl={callbackUrl} />}
          {sso && policy.ssoOnly ? (
            <details className="text-sm">
              <summary className="cursor-pointer text-muted-foreground">Break-glass admin: sign in with a password</summary>
              <div className="mt-4">{passwordForm}</div>
            </details>
          ) : (
            <>
              {sso && (
                <p className="flex items-center gap-3 text-xs text-muted-foreground before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
                  or with a password
                </p>
              )}
              {passwordForm}
            </>
          )}
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
