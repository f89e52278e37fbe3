import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// The console's Prometheus metrics, one registry per process. Counters and histograms count what
// this instance did (sum them across instances); the gauges read from the database at scrape time
// (lib/health/database-gauges.ts) are the same on every instance (take the max).

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'console_' });
  const registers = [registry];
  return {
    registry,
    shares: new Counter({
      name: 'console_shares_total',
      help: 'Contact-card shares attempted, by source (MANUAL, BULK, SCHEDULED, AUTOMATIC) and outcome (SUCCEEDED, FAILED, UNKNOWN, REFUSED).',
      labelNames: ['source', 'outcome'] as const,
      registers,
    }),
    linqRequests: new Counter({
      name: 'console_linq_requests_total',
      help: 'Calls to the Linq API, by endpoint template, method and HTTP status (0: no answer).',
      labelNames: ['endpoint', 'method', 'status'] as const,
      registers,
    }),
    linqDuration: new Histogram({
      name: 'console_linq_request_duration_seconds',
      help: 'How long Linq took to answer, by endpoint template and method.',
      labelNames: ['endpoint', 'method'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
      registers,
    }),
    linqRateLimited: new Counter({
      name: 'console_linq_rate_limited_total',
      help: 'Answers 429 from Linq, by endpoint template.',
      labelNames: ['endpoint'] as const,
      registers,
    }),
    linqRetryAfter: new Histogram({
      name: 'console_linq_retry_after_seconds',
      help: 'The waits Linq asked for in Retry-After.',
      buckets: [1, 5, 15, 30, 60, 120, 300],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'console_job_duration_seconds',
      help: 'Background jobs run by this instance, by queue and how they ended (SUCCEEDED, FAILED).',
      labelNames: ['queue', 'status'] as const,
      buckets: [0.01, 0.05, 0.25, 1, 5, 15, 60, 180, 600],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'console_webhook_deliveries_total',
      help: 'Webhook deliveries by stage: received (accepted, repeated, refused: bad or missing signature) and applied (applied, ignored, failed).',
      labelNames: ['stage'] as const,
      registers,
    }),
    webhookApplyLag: new Histogram({
      name: 'console_webhook_apply_lag_seconds',
      help: 'From a delivery reaching the console to its changes being applied.',
      buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 1800],
      registers,
    }),
    alertsRaised: new Counter({
      name: 'console_alerts_raised_total',
      help: 'Alerts raised (Settings → Alerts), by event.',
      labelNames: ['event'] as const,
      registers,
    }),
    alertMessages: new Counter({
      name: 'console_alert_messages_total',
      help: 'Alert messages sent through a channel (EMAIL, SLACK), by outcome (sent, failed); one message carries every alert waiting.',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    openStreams: new Gauge({
      name: 'console_open_event_streams',
      help: 'Pages holding a live-updates stream open on this instance.',
      registers,
    }),
  };
}

export type ConsoleMetrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { consoleMetrics?: ConsoleMetrics };

/** This process's metrics (created once, whatever Next.js bundles import this module). */
export function metrics(): ConsoleMetrics {
  globalForMetrics.consoleMetrics ??= createMetrics();
  return globalForMetrics.consoleMetrics;
}
