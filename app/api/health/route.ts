import { db } from '@/lib/db';

// Public on purpose (load balancers, the test harness): says only whether the console can
// reach its database, nothing about its data.
export async function GET(): Promise<Response> {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: 'The database is not reachable.' }, { status: 503 });
  }
}
