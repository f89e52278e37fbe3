import { databaseReachable } from '@/lib/db';

// Public on purpose (load balancers, the test harness): says only whether the console can
// reach its database, nothing about its data.
export async function GET(): Promise<Response> {
  if (await databaseReachable()) return Response.json({ ok: true });
  return Response.json({ ok: false, error: 'The database is not reachable.' }, { status: 503 });
}
