import type { WebhookEventType } from '@linqapp/sdk/resources/webhook-events';
import { Slots } from '@/lib/concurrency';
import type { LinqClient } from '@/lib/linq/client';
import { LinqError, toLinqError } from '@/lib/linq/errors';
import { SHARE_TIMEOUT_MS } from '@/lib/linq/limits';
import { toChat, toContactCard, toMessage, toPhoneNumber, toWebhookSubscription } from '@/lib/linq/mappers';
import type {
  ChatListQuery,
  ContactCardInput,
  ContactCardPatch,
  LinqChat,
  LinqContactCard,
  LinqMessage,
  LinqPage,
  LinqPhoneNumber,
  LinqWebhookSubscription,
  OutboundFacts,
} from '@/lib/linq/types';

// Contact-card POST/PATCH and share have no idempotency key, and the SDK would retry them on
// 409/429/5xx by default: a retried share could reach the customer twice. They are sent once.
const WRITE_ONCE = { maxRetries: 0 } as const;

export interface GatewayOptions {
  /** Card create/update: Linq downloads and re-hosts the photo while the request is open. */
  cardWriteMs: number;
  shareMs: number;
  /**
   * Retries of reads by the SDK itself (honouring Retry-After). Background jobs pass 0: they
   * record a 429 as a pause staff can see and come back later, instead of waiting inside a call.
   */
  readRetries?: number;
  /**
   * Per-try limit of a read. Staff wait on the console's own gateway: three tries of 5 s give up on a
   * hanging Linq in about 15 s (instead of the SDK's 3 × 15 s); background jobs keep the SDK's default.
   */
  readTimeoutMs?: number;
  /** Requests with Linq at once, at most (limitedTo); others wait their turn. Unlimited when absent. */
  slots?: Slots;
}

const DEFAULT_OPTIONS: GatewayOptions = { cardWriteMs: 45_000, shareMs: SHARE_TIMEOUT_MS };

async function send<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toLinqError(error);
  }
}

/** Everything the console asks of Linq. Every failure surfaces as a LinqError. */
export class LinqGateway {
  private readonly options: GatewayOptions;

  constructor(
    private readonly client: LinqClient,
    options: Partial<GatewayOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /**
   * The same gateway with at most `limit` of its requests with Linq at once: a share run's workers
   * outnumber its concurrency, so that one's database work overlaps another's request.
   */
  limitedTo(limit: number): LinqGateway {
    return new LinqGateway(this.client, { ...this.options, slots: new Slots(limit) });
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    return this.options.slots ? this.options.slots.run(() => send(request)) : send(request);
  }

  private get cardWrite() {
    return { ...WRITE_ONCE, timeout: this.options.cardWriteMs };
  }

  private get read() {
    const { readRetries, readTimeoutMs } = this.options;
    return { ...(readRetries !== undefined && { maxRetries: readRetries }), ...(readTimeoutMs !== undefined && { timeout: readTimeoutMs }) };
  }

  async listPhoneNumbers(): Promise<LinqPhoneNumber[]> {
    const response = await this.call(() => this.client.phoneNumbers.list(this.read));
    return (response.phone_numbers ?? []).map(toPhoneNumber);
  }

  async listContactCards(): Promise<LinqContactCard[]> {
    const response = await this.call(() => this.client.contactCard.retrieve({}, this.read));
    return (response.contact_cards ?? []).map(toContactCard);
  }

  /** The card of one number, or null. Linq may answer "none" with an empty list or with 404/2012. */
  async getContactCard(phoneNumber: string): Promise<LinqContactCard | null> {
    try {
      const response = await this.call(() => this.client.contactCard.retrieve({ phone_number: phoneNumber }, this.read));
      const card = (response.contact_cards ?? []).find((c) => c.phone_number === phoneNumber);
      return card ? toContactCard(card) : null;
    } catch (error) {
      if (error instanceof LinqError && error.code === 2012) return null;
      throw error;
    }
  }

  async createContactCard(input: ContactCardInput): Promise<LinqContactCard> {
    const body = {
      phone_number: input.phoneNumber,
      first_name: input.firstName,
      ...(input.lastName !== undefined && { last_name: input.lastName }),
      ...(input.imageUrl !== undefined && { image_url: input.imageUrl }),
    };
    return toContactCard(await this.call(() => this.client.contactCard.create(body, this.cardWrite)));
  }

  /** Sends only the fields given: Linq keeps the others as they are. */
  async updateContactCard(phoneNumber: string, patch: ContactCardPatch): Promise<LinqContactCard> {
    const params = {
      phone_number: phoneNumber,
      ...(patch.firstName !== undefined && { first_name: patch.firstName }),
      ...(patch.lastName !== undefined && { last_name: patch.lastName }),
      ...(patch.imageUrl !== undefined && { image_url: patch.imageUrl }),
    };
    return toContactCard(await this.call(() => this.client.contactCard.update(params, this.cardWrite)));
  }

  /** One page of chats; the cursor is Linq's, passed through untouched. */
  async listChats(query: ChatListQuery = {}): Promise<LinqPage<LinqChat>> {
    const page = await this.call(() => this.client.chats.listChats(query, this.read));
    return { items: page.chats.map(toChat), nextCursor: page.next_cursor || null };
  }

  async getChat(chatId: string): Promise<LinqChat> {
    return toChat(await this.call(() => this.client.chats.retrieve(chatId, this.read)));
  }

  async listMessages(chatId: string, query: { cursor?: string; limit?: number } = {}): Promise<LinqPage<LinqMessage>> {
    const page = await this.call(() => this.client.chats.messages.list(chatId, query, this.read));
    return { items: page.messages.map(toMessage), nextCursor: page.next_cursor || null };
  }

  /**
   * Whether the business has sent at least one message in the chat, and the latest message each
   * way among those read. Linq does not document the order of messages, so pages are read until
   * an outbound one turns up or none are left.
   */
  async readOutbound(chatId: string, pageSize = 100): Promise<OutboundFacts> {
    const facts: OutboundFacts = { hasOutbound: false, lastOutboundAt: null, lastInboundAt: null, turns: [] };
    const later = (current: string | null, candidate: string) => (current === null || candidate > current ? candidate : current);
    let cursor: string | undefined;
    do {
      const page = await this.listMessages(chatId, { limit: pageSize, cursor });
      for (const message of page.items) {
        facts.turns!.push({ at: message.createdAt, fromUs: message.isFromMe });
        if (message.isFromMe) facts.lastOutboundAt = later(facts.lastOutboundAt, message.createdAt);
        else facts.lastInboundAt = later(facts.lastInboundAt, message.createdAt);
      }
      if (facts.lastOutboundAt !== null) facts.hasOutbound = true;
      cursor = facts.hasOutbound ? undefined : (page.nextCursor ?? undefined);
    } while (cursor);
    return facts;
  }

  /**
   * Shares the card of the chat's line into the chat; returns Linq's HTTP status (204 expected) and
   * how long Linq took (from the request's start, not from a wait for a slot).
   */
  async shareContactCard(chatId: string): Promise<{ httpStatus: number; latencyMs: number }> {
    return this.call(async () => {
      const started = performance.now();
      const { response } = await this.client.chats.shareContactCard(chatId, { ...WRITE_ONCE, timeout: this.options.shareMs }).withResponse();
      return { httpStatus: response.status, latencyMs: Math.round(performance.now() - started) };
    });
  }

  async listWebhookSubscriptions(): Promise<LinqWebhookSubscription[]> {
    const response = await this.call(() => this.client.webhookSubscriptions.list(this.read));
    return (response.subscriptions ?? []).map(toWebhookSubscription);
  }

  /** Creates a subscription; the signing secret in the answer is shown by Linq this once. */
  async createWebhookSubscription(input: { targetUrl: string; events: string[] }): Promise<LinqWebhookSubscription & { signingSecret: string }> {
    const created = await this.call(() =>
      this.client.webhookSubscriptions.create({ target_url: input.targetUrl, subscribed_events: input.events as WebhookEventType[] }, WRITE_ONCE),
    );
    return { ...toWebhookSubscription(created), signingSecret: created.signing_secret };
  }

  /** Deletes a subscription; one Linq no longer knows (2010) counts as deleted. */
  async deleteWebhookSubscription(id: string): Promise<void> {
    try {
      await this.call(() => this.client.webhookSubscriptions.delete(id, WRITE_ONCE));
    } catch (error) {
      if (error instanceof LinqError && error.code === 2010) return;
      throw error;
    }
  }

  /**
   * Verifies a webhook delivery with the SDK (Standard Webhooks: webhook-id, webhook-timestamp,
   * webhook-signature over the raw body, timestamps more than 5 minutes off refused) against each
   * signing secret in turn, and returns the event. Throws WebhookRejection when none verifies.
   */
  unwrapWebhook(rawBody: string, headers: Record<string, string>, secrets: string[]): unknown {
    if (!headers['webhook-id'] || !headers['webhook-timestamp'] || !headers['webhook-signature']) {
      throw new WebhookRejection('missing_headers', 'The delivery has no Standard Webhooks signature headers.');
    }
    if (secrets.length === 0)
      throw new WebhookRejection('no_secret', 'No signing secret is configured: connect webhooks in Settings or set LINQ_WEBHOOK_SECRET.');
    let last: unknown;
    for (const key of secrets) {
      try {
        return this.client.webhooks.unwrap(rawBody, { headers, key });
      } catch (error) {
        last = error;
      }
    }
    const message = last instanceof Error ? last.message : String(last);
    if (/timestamp/i.test(message)) throw new WebhookRejection('stale', 'The delivery’s timestamp is more than 5 minutes away from now.');
    if (last instanceof SyntaxError) throw new WebhookRejection('malformed', 'The delivery’s body is not JSON.');
    throw new WebhookRejection('bad_signature', 'The delivery’s signature does not match the signing secret.');
  }
}

export type WebhookRejectionReason = 'missing_headers' | 'no_secret' | 'stale' | 'bad_signature' | 'malformed';

const WEBHOOK_REJECTION = Symbol.for('linq-console.WebhookRejection');

/** A webhook delivery that cannot be trusted: nothing in it is used. Branded like LinqError (see errors.ts). */
export class WebhookRejection extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WEBHOOK_REJECTION] === true;
  }

  readonly [WEBHOOK_REJECTION] = true;
  override name = 'WebhookRejection';
  constructor(
    readonly reason: WebhookRejectionReason,
    message: string,
  ) {
    super(message);
  }
}
