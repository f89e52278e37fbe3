import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authConfig } from '@/lib/auth/config';

// Redirects anonymous visitors to the sign-in page, and only that: every page, read, action and
// route handler checks the session and the role itself (lib/auth/guards.ts).
const { auth } = NextAuth(authConfig);

const guard = auth((request) => {
  if (request.auth?.user) return NextResponse.next();
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
  // Everything except the sign-in page, Auth.js's own routes, Linq's signed webhooks, public photos and static files.
  matcher: ['/((?!login|set-password|api/auth|api/health|api/webhooks/|photos/|_next/static|_next/image|favicon\\.ico|.*\\.(?:png|jpg|jpeg|svg|ico|webp)$).*)'],
};
