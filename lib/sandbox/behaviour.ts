import { LinqApiError } from '@/lib/sandbox/http';

/**
 * Where Linq's documentation is silent, the sandbox can answer either way, so the console is
 * tested against every plausible answer (see REFERENCE.md §2.2–2.4, §5).
 */
export interface SandboxBehaviour {
  /** Sharing into an SMS/RCS chat: accepted with no effect, or 409/2017. */
  nonImessageShare: 'silent' | 'conflict';
  /** Sharing into a chat with no outbound message: accepted with no effect, or 409/2015. */
  noOutboundShare: 'silent' | 'conflict';
  /** Sharing when the line's card exists but is not active: 404/2012, or accepted. */
  inactiveCardShare: 'not_found' | 'silent';
  /** GET /contact_card?phone_number= for a number without a card: empty list, or 404/2012. */
  missingCardLookup: 'empty' | 'not_found';
  /** What card create/update does: apply (is_active true), store inactive, or fail with 500/2022. */
  cardSetup: 'active' | 'inactive' | 'fail';
  /** With cardSetup 'inactive': the card turns active by itself after this many ms (null: never). */
  activateAfterMs: number | null;
  /** A second POST when the existing card is inactive (a failed setup): replaces it, or 409/2014. */
  postOverInactiveCard: 'replace' | 'conflict';
  /** Refuse image_url values that are not HTTPS, as Linq documents. Off by default for local http. */
  requireHttpsImages: boolean;
  /** Added to every API request. */
  latencyMs: number;
  /** Messages per sender–recipient pair per 60 s before 429/1007. */
  messageRateLimit: number;
  /** Refuse webhook target_url values that are not HTTPS, as Linq documents. Off by default for local http. */
  requireHttpsWebhooks: boolean;
  /** First wait before a failed webhook delivery is tried again; it doubles each time (10 attempts, as Linq). */
  webhookRetryBaseMs: number;
}

export const DEFAULT_BEHAVIOUR: SandboxBehaviour = {
  nonImessageShare: 'silent',
  noOutboundShare: 'silent',
  inactiveCardShare: 'not_found',
  missingCardLookup: 'empty',
  cardSetup: 'active',
  activateAfterMs: null,
  postOverInactiveCard: 'replace',
  requireHttpsImages: false,
  latencyMs: 0,
  messageRateLimit: 30,
  requireHttpsWebhooks: false,
  webhookRetryBaseMs: 1_000,
};

/**
 * An injected fault: requests matching `method` and `path` (a regular expression over the path
 * after /api/partner) are delayed by `delayMs`, then, if `status` is set, answered with that
 * error instead. `times` limits how many requests it hits (omit for every one).
 */
export interface FaultRule {
  method?: string;
  path?: string;
  times?: number;
  delayMs?: number;
  status?: number;
  code?: number;
  retryAfterSeconds?: number;
}

const DEFAULT_CODE_FOR_STATUS: Record<number, number> = {
  400: 1005,
  401: 2004,
  403: 2005,
  404: 2001,
  409: 2015,
  429: 1007,
  500: 3006,
  502: 3001,
  503: 4004,
  504: 3005,
};

const MESSAGES_FOR_CODE: Record<number, string> = {
  1007: 'Rate limited. Try again later.',
  2022: 'Contact card setup failed',
  3006: 'Internal server error',
  4004: 'Service unavailable',
  3005: 'Network timeout',
};

export class FaultInjector {
  private rules: Array<FaultRule & { remaining: number | null }> = [];

  add(rules: FaultRule[]): void {
    for (const rule of rules) this.rules.push({ ...rule, remaining: rule.times ?? null });
  }

  /** Every rule, or only those whose path pattern is `path` (another test's faults stay). */
  clear(path?: string): void {
    this.rules = path === undefined ? [] : this.rules.filter((rule) => rule.path !== path);
  }

  list(): FaultRule[] {
    return this.rules.map(({ remaining, ...rule }) => ({ ...rule, times: remaining ?? undefined }));
  }

  /** Applies the first matching rule: waits, then throws its error if it has one. */
  async apply(method: string, path: string): Promise<void> {
    const rule = this.rules.find((r) => r.remaining !== 0 && (!r.method || r.method.toUpperCase() === method) && (!r.path || new RegExp(r.path).test(path)));
    if (!rule) return;
    if (rule.remaining !== null) rule.remaining -= 1;
    if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
    if (rule.status) {
      const code = rule.code ?? DEFAULT_CODE_FOR_STATUS[rule.status] ?? 3006;
      const retryAfter = rule.status === 429 ? (rule.retryAfterSeconds ?? 1) : rule.retryAfterSeconds;
      throw new LinqApiError(rule.status, code, MESSAGES_FOR_CODE[code] ?? 'Injected fault', retryAfter);
    }
  }
}
