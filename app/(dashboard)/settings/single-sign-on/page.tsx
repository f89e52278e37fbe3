import type { Metadata } from 'next';
import Link from 'next/link';
import { SsoForm, TurnOffSso } from '@/components/settings/sso-form';
import { PageHeader } from '@/components/shell/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guards';
import { getSsoSettings } from '@/lib/data/settings';

export const metadata: Metadata = { title: 'Single sign-on' };

export default async function SingleSignOnPage() {
  const user = await requirePermission('manageSettings');
  const page = await getSsoSettings();
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Staff sign in with your company’s account (Google Workspace, Microsoft Entra ID, Okta, Keycloak or any OpenID Connect provider). They rely on the provider’s second factor; the console’s rule applies to password sign-ins."
        actions={
          <Link href="/settings" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to Settings
          </Link>
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>At your provider</CardTitle>
            <CardDescription>Register the console as a web application (OpenID Connect, authorization code) with this redirect address.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-2 text-sm">
            <code className="break-all rounded-md bg-muted px-3 py-2">{page.callbackUrl}</code>
            <p className="text-muted-foreground">
              The console asks for the scopes <code>openid email profile</code> and lets a person in only by a verified email address: the one of a person on
              the Staff page, or one of the allowed domain below.
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Connection</CardTitle>
            <CardDescription>
              {page.settings ? `On: the sign-in page offers “Sign in with ${page.settings.name}”.` : 'Off: staff sign in with a password.'}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <SsoForm page={page} currentUserId={user.id} />
            {page.settings && <TurnOffSso name={page.settings.name} />}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
