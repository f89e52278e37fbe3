import { getSettings } from '@/lib/env';
import { createLinqClient } from '@/lib/linq/client';
import { LinqGateway } from '@/lib/linq/gateway';

export { LinqGateway, WebhookRejection, type WebhookRejectionReason } from '@/lib/linq/gateway';
export { LinqError, describeLinqError, retryAfter } from '@/lib/linq/errors';
export { failureReason, type LinqErrorFacts } from '@/lib/linq/error-facts';
export { SHARE_TIMEOUT_MS } from '@/lib/linq/limits';
export { readLinq, type LinqRead } from '@/lib/linq/read';
export type * from '@/lib/linq/types';

const globalForLinq = globalThis as unknown as { linqGateway?: LinqGateway; backgroundLinqGateway?: LinqGateway };

/** The console's Linq gateway, configured from the settings (the sandbox in sandbox mode). Staff wait on its reads. */
export function getLinq(): LinqGateway {
  globalForLinq.linqGateway ??= new LinqGateway(createLinqClient(getSettings().linq), { readTimeoutMs: 5_000 });
  return globalForLinq.linqGateway;
}

/** The gateway background jobs use: reads are not retried by the SDK, so a 429 reaches the job. */
export function getBackgroundLinq(): LinqGateway {
  globalForLinq.backgroundLinqGateway ??= new LinqGateway(createLinqClient(getSettings().linq), { readRetries: 0 });
  return globalForLinq.backgroundLinqGateway;
}
