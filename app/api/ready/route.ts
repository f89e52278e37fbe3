import { checkReadiness } from '@/lib/health/readiness';

export const dynamic = 'force-dynamic';

// Public on purpose, like /api/health (load balancers, orchestrators): whether this instance can
// serve, part by part, and nothing about the data. 503 while any part is not ready.
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
