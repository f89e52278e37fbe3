import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/guards';
import { ssoHandlers } from '@/lib/auth/sso-auth';

// Auth.js's routes, limited to those the console uses: the CSRF token and the credentials callback
// (a sign-in form posting directly), the session, sign-out, and the single sign-on provider's
// return (the sign-in starts in a server action). Every other Auth.js page or provider route answers 404. The session route answers as every guard does: a signed-out, revoked or disabled
// session is no session, and its cookie is not refreshed.
const ALLOWED = {
  GET: new Set(['csrf', 'session']),
  POST: new Set(['callback/credentials', 'signout', 'session']),
};

function action(request: NextRequest): string {
  return request.nextUrl.pathname.replace(/^\/api\/auth\/?/, '').replace(/\/+$/, '');
}

/**
 * The request with the address the browser used. The redirect to the provider named the host the
 * sign-in started from (Auth.js reads X-Forwarded-Host, then Host), and the provider accepts the code
 * only with that same redirect address; but Next.js's request URL says "localhost" for 127.0.0.1.
 * A plain Request keeps the host as it is (a NextRequest would rewrite it again). With AUTH_URL set,
 * Auth.js uses that address on both sides instead.
 */
function asTheBrowserAsked(request: NextRequest): NextRequest {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!host || process.env.AUTH_URL || process.env.NEXTAUTH_URL) return request;
  const protocol = request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(/:$/, '');
  const url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, `${protocol}://${host}`);
  return new Request(url, { headers: request.headers, method: request.method }) as NextRequest;
}

const notFound = () => Response.json({ error: 'Not found.' }, { status: 404 });

export async function GET(request: NextRequest): Promise<Response> {
  const name = action(request);
  if (name === 'callback/sso') return ssoHandlers.GET(asTheBrowserAsked(request));
  if (!ALLOWED.GET.has(name)) return notFound();
  if (name === 'session' && !(await getCurrentUser())) return Response.json(null, { headers: { 'Cache-Control': 'no-store' } });
  return handlers.GET(request);
}

export async function POST(request: NextRequest): Promise<Response> {
  const name = action(request);
  if (!ALLOWED.POST.has(name)) return notFound();
  if (name === 'session' && !(await getCurrentUser())) return Response.json(null, { headers: { 'Cache-Control': 'no-store' } });
  return handlers.POST(request);
}
