import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID Connect provider for the tests (the `oidc-provider` package, certified by the
// OpenID Foundation), on a free port of this machine. Its own development sign-in page takes any
// login: the login typed is the person's email, verified, unless the test said otherwise.

export const TEST_CLIENT = { id: 'contact-card-console', secret: 'test-client-secret-that-is-long-enough' };

export interface TestAccount {
  email?: string;
  email_verified?: boolean | string;
  name?: string;
}

export async function startOidcProvider(consoleOrigins: string[]) {
  /** Logins the test describes; any other login is a verified email address. */
  const accounts = new Map<string, TestAccount>();
  // The issuer is known only once the port is: listen first, then build the provider on it.
  const { createServer } = await import('node:http');
  let handler: ((request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void) | null = null;
  const server = createServer((request, response) => handler?.(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: consoleOrigins.map((origin) => `${origin}/api/auth/callback/sso`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The console reads the person from the ID token, as Auth.js does with any OIDC provider.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key'] },
    async findAccount(_context, login) {
      const described = accounts.get(login) ?? { email: login, email_verified: true };
      return {
        accountId: login,
        claims: async () => ({ sub: login, ...described }),
      };
    },
  });
  // Plain HTTP on loopback: the provider must not insist on secure cookies.
  provider.proxy = true;
  handler = provider.callback();

  return {
    issuer,
    describe(login: string, account: TestAccount) {
      accounts.set(login, account);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TestOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;
