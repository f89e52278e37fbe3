import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authConfig } from '@/lib/auth/config';
import { getSettings } from '@/lib/env';
import { securityHeaders } from '@/lib/security/headers';

// Two jobs, nothing more: every page gets its security headers (a fresh CSP nonce each time), and
// anonymous visitors are sent to the sign-in page. Every page, read, action and route handler
// checks the session and the role itself (lib/auth/guards.ts).
const { auth } = NextAuth(authConfig);

/** Pages reachable without a session: signing in and setting a password. */
const PUBLIC = /^\/(login|set-password)(\/|$)/;

function withHeaders(request: NextRequest, response: (headers: Headers) => NextResponse): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const settings = getSettings();
  const headers = securityHeaders({
    nonce,
    development: process.env.NODE_ENV === 'development',
    https: request.nextUrl.protocol === 'https:' || settings.publicBaseUrl.startsWith('https:'),
    imageOrigins: [new URL(settings.publicBaseUrl).origin, ...(settings.linq.mode === 'sandbox' ? [new URL(settings.linq.baseUrl).origin] : [])],
  });
  // Next.js reads the nonce from the request's own CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const result = response(requestHeaders);
  for (const [name, value] of Object.entries(headers)) result.headers.set(name, value);
  return result;
}

const guard = auth((request) => {
  if (request.auth?.user || PUBLIC.test(request.nextUrl.pathname)) {
    return withHeaders(request, (headers) => NextResponse.next({ request: { headers } }));
  }
  if (request.nextUrl.pathname.startsWith('/api/')) {
    return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  }
  const login = new URL('/login', request.nextUrl);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== '/') login.searchParams.set('callbackUrl', target);
  return NextResponse.redirect(login);
});

export async function proxy(request: NextRequest) {
  // With a lazily built config (see lib/auth/config.ts) Auth.js hands back the wrapped
  // handler as a promise, so Next.js needs this plain function around it. Auth.js types the
  // wrapper's second argument for route handlers; the callback above does not use it.
  const handle = await guard;
  return handle(request, undefined as never);
}

export const config = {
  // Everything but the build's static files, public photos, and the routes that answer for
  // themselves without a session (Auth.js's, the health and readiness checks, the metrics with their
  // own token, Linq's signed webhooks). Every page
  // is covered whatever its address ends with (/cards/%2B1555….png is a page) and prefetches too:
  // each HTML response carries its Content-Security-Policy.
  matcher: ['/((?!api/auth|api/health$|api/ready$|api/metrics$|api/webhooks/|photos/|_next/static|_next/image).*)'],
};
