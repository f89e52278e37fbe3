import LinqAPIV3 from '@linqapp/sdk';
import type { LinqTarget } from '@/lib/env';
import { observedFetch } from '@/lib/linq/observed-fetch';

export type LinqClient = LinqAPIV3;

/**
 * The official SDK, configured only from the console's validated settings (the SDK would
 * otherwise also read LINQ_API_V3_* variables by itself). Reads may retry the SDK's default
 * twice; writes opt out per call (see gateway.ts). Each call is logged and counted (observed-fetch.ts).
 */
export function createLinqClient(target: Pick<LinqTarget, 'apiKey' | 'baseUrl'>): LinqClient {
  return new LinqAPIV3({
    apiKey: target.apiKey,
    baseURL: target.baseUrl,
    maxRetries: 2,
    timeout: 15_000,
    logLevel: 'off',
    fetch: observedFetch(),
  });
}
