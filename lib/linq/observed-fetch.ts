import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';

// Every call the SDK makes to Linq goes through this fetch: one log line and the metrics per call
// (endpoint template, method, status, Linq's error code and trace id, latency, Retry-After).

/**
 * Pure: the path of a Linq URL with its identifiers replaced, so calls group by endpoint and no
 * chat id or phone number reaches a label: /api/partner/v3/chats/abc123/share_contact_card →
 * /v3/chats/{id}/share_contact_card.
 */
export function endpointTemplate(url: string): string {
  const { pathname } = new URL(url, 'http://linq.invalid');
  const segments = pathname.split('/').filter(Boolean);
  const version = segments.findIndex((segment) => /^v\d+$/.test(segment));
  return (
    '/' +
    segments
      .slice(Math.max(0, version))
      .map((segment, index) => ((index === 0 && version >= 0) || /^[a-z_]+$/.test(segment) ? segment : '{id}'))
      .join('/')
  );
}

/** Linq's error envelope: { error: { code }, trace_id }, read from a copy of the answer. */
async function errorFacts(response: Response): Promise<{ code?: number; traceId?: string }> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown }; trace_id?: unknown };
    return {
      ...(typeof body?.error?.code === 'number' && { code: body.error.code }),
      ...(typeof body?.trace_id === 'string' && { traceId: body.trace_id }),
    };
  } catch {
    return {};
  }
}

export function observedFetch(fetchImpl: typeof fetch = fetch): typeof fetch {
  const log = logger('linq');
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const endpoint = endpointTemplate(url);
    const m = metrics();
    const startedAt = performance.now();
    try {
      const response = await fetchImpl(input, init);
      const seconds = (performance.now() - startedAt) / 1000;
      m.linqRequests.inc({ endpoint, method, status: String(response.status) });
      m.linqDuration.observe({ endpoint, method }, seconds);
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status === 429) {
        m.linqRateLimited.inc({ endpoint });
        if (Number.isFinite(retryAfter) && retryAfter > 0) m.linqRetryAfter.observe(retryAfter);
      }
      const facts = response.ok ? {} : await errorFacts(response);
      const traceId = facts.traceId ?? response.headers.get('x-trace-id') ?? undefined;
      const line = {
        method,
        endpoint,
        status: response.status,
        ...(facts.code !== undefined && { linqCode: facts.code }),
        ...(traceId && { traceId }),
        ...(response.status === 429 && Number.isFinite(retryAfter) && { retryAfterSeconds: retryAfter }),
        ms: Math.round(seconds * 1000),
      };
      // A successful call is counted and timed in the metrics; its line is for debugging only (a run
      // or a sync of a million chats would otherwise write two million of them).
      if (response.status >= 500 || response.status === 429) log.warn(line, 'linq call');
      else if (response.status >= 400) log.info(line, 'linq call');
      else log.debug(line, 'linq call');
      return response;
    } catch (error) {
      const seconds = (performance.now() - startedAt) / 1000;
      m.linqRequests.inc({ endpoint, method, status: '0' });
      m.linqDuration.observe({ endpoint, method }, seconds);
      log.warn({ method, endpoint, status: 0, ms: Math.round(seconds * 1000), err: error }, 'linq call got no answer');
      throw error;
    }
  };
}
