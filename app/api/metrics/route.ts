import { createHash, timingSafeEqual } from 'node:crypto';
import { getSettings } from '@/lib/env';
import { readDatabaseGauges } from '@/lib/health/database-gauges';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the request carries METRICS_TOKEN as its bearer token (compared in constant time). */
function authorized(request: Request, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

// Prometheus's scrape: off (404, as if absent) unless METRICS_TOKEN is set; then only with it.
// Not behind the staff session: a scraper has no account, and the figures name no customer.
export async function GET(request: Request): Promise<Response> {
  const token = getSettings().metricsToken;
  if (!token) return new Response('Not found', { status: 404 });
  if (!authorized(request, token)) {
    return new Response('A bearer token (METRICS_TOKEN) is required.', { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  const { registry } = metrics();
  try {
    await readDatabaseGauges();
  } catch (error) {
    // The process's own figures are still worth having; the database ones keep their last values.
    logger('metrics').warn({ err: error }, 'could not read the database figures');
  }
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' } });
}
