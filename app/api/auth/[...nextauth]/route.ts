import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/guards';

// Auth.js's routes, limited to those the console uses: the CSRF token and the credentials callback
// (a sign-in form posting directly), the session, and sign-out. Every other Auth.js page or provider
// route answers 404. The session route answers as every guard does: a signed-out, revoked or disabled
// session is no session, and its cookie is not refreshed.
const ALLOWED = {
  GET: new Set(['csrf', 'session']),
  POST: new Set(['callback/credentials', 'signout', 'session']),
};

function action(request: NextRequest): string {
  return request.nextUrl.pathname.replace(/^\/api\/auth\/?/, '').replace(/\/+$/, '');
}

const notFound = () => Response.json({ error: 'Not found.' }, { status: 404 });

export async function GET(request: NextRequest): Promise<Response> {
  const name = action(request);
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
