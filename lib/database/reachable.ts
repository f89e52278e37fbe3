import 'server-only';
import { db } from '@/lib/db';

/** Whether the console can run a query on its database now. */
export async function databaseReachable(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
