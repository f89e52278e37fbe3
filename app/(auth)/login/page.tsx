import { MessageCircle } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getCurrentUser } from '@/lib/auth/guards';
import { DEMO_ADMIN_EMAIL, demoAdminAwaitingFirstSignIn } from '@/lib/staff/first-admin';
import { safeCallbackPath } from '@/lib/validations/auth';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const showDemoHint = await demoAdminAwaitingFirstSignIn();

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="flex w-full max-w-sm flex-col gap-6">
        <div className="flex items-center justify-center gap-2 text-lg font-semibold">
          <MessageCircle className="size-6 text-primary" aria-hidden />
          Contact Card Console
        </div>
        <Card>
          <CardHeader>
            <CardTitle asHeading="h1" className="text-lg">
              Sign in
            </CardTitle>
            <CardDescription>Use the email and password an admin gave you.</CardDescription>
          </CardHeader>
          <CardContent>
            <LoginForm callbackUrl={callbackUrl} />
          </CardContent>
        </Card>
        {showDemoHint && (
          <p className="rounded-lg border bg-card px-4 py-3 text-sm text-muted-foreground">
            <strong className="text-foreground">First start?</strong> A demo admin, <code>{DEMO_ADMIN_EMAIL}</code>, was created. Its password was printed once
            in the server&apos;s log: the terminal where <code>npm run dev</code> or <code>npm start</code> is running.
          </p>
        )}
      </div>
    </main>
  );
}
