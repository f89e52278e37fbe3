import 'server-only';
import NextAuth from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import { headers } from 'next/headers';
import { authConfig } from '@/lib/auth/config';
import { readSsoConnection, signInThroughSso, SSO_PROVIDER_ID, type SsoConnection } from '@/lib/auth/sso';
import { requestClientAddress } from '@/lib/server/request-address';

// Sign-in through the company's OpenID Connect provider. A second Auth.js instance beside the
// password one (lib/auth/index.ts): it shares the secret and cookies, so the session it makes is an
// ordinary console session, but only its two routes (the redirect to the provider and the callback)
// read the provider's settings from the database; every other request's session check does not.

function oidcProvider(connection: SsoConnection): OIDCConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: connection.name,
    type: 'oidc',
    issuer: connection.issuer,
    clientId: connection.clientId,
    clientSecret: connection.clientSecret,
    // The state (against forged callbacks), the nonce (against a replayed ID token) and PKCE.
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid email profile' } },
    profile: (claims) => ({ id: String(claims.sub), email: typeof claims.email === 'string' ? claims.email : null }),
  };
}

export const { handlers: ssoHandlers, signIn: signInWithSso } = NextAuth(async () => {
  const base = authConfig();
  const connection = await readSsoConnection();
  return {
    ...base,
    // Anything that goes wrong on the way (a forged state, a provider that cannot be reached…)
    // comes back to the sign-in page, which explains it.
    pages: { signIn: '/login', error: '/login' },
    providers: connection ? [oidcProvider(connection)] : [],
    callbacks: {
      ...base.callbacks,
      async signIn({ user, profile }) {
        const address = requestClientAddress(await headers());
        const result = await signInThroughSso(profile ?? {}, address);
        if (!result.ok) return `/login?sso=${result.refusal}`;
        // Auth.js hands this same object to the jwt callback: the session becomes the staff
        // member's, not the provider's account's.
        Object.assign(user, { ...result.user, signInMethod: 'sso' });
        return true;
      },
    },
  };
});
