import type { LinqClient } from '@/lib/linq/client';
import { LinqError, toLinqError } from '@/lib/linq/errors';
import { toChat, toContactCard, toMessage, toPhoneNumber } from '@/lib/linq/mappers';
import type {
  ChatListQuery,
  ContactCardInput,
  ContactCardPatch,
  LinqChat,
  LinqContactCard,
  LinqMessage,
  LinqPage,
  LinqPhoneNumber,
} from '@/lib/linq/types';

// Contact-card POST/PATCH and share have no idempotency key, and the SDK would retry them on
// 409/429/5xx by default: a retried share could reach the customer twice. They are sent once.
const WRITE_ONCE = { maxRetries: 0 } as const;

export interface GatewayTimeouts {
  /** Card create/update: Linq downloads and re-hosts the photo while the request is open. */
  cardWriteMs: number;
  shareMs: number;
}

const DEFAULT_TIMEOUTS: GatewayTimeouts = { cardWriteMs: 45_000, shareMs: 20_000 };

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toLinqError(error);
  }
}

/** Everything the console asks of Linq. Every failure surfaces as a LinqError. */
export class LinqGateway {
  private readonly timeouts: GatewayTimeouts;

  constructor(
    private readonly client: LinqClient,
    timeouts: Partial<GatewayTimeouts> = {},
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...timeouts };
  }

  private get cardWrite() {
    return { ...WRITE_ONCE, timeout: this.timeouts.cardWriteMs };
  }

  async listPhoneNumbers(): Promise<LinqPhoneNumber[]> {
    const response = await call(() => this.client.phoneNumbers.list());
    return (response.phone_numbers ?? []).map(toPhoneNumber);
  }

  async listContactCards(): Promise<LinqContactCard[]> {
    const response = await call(() => this.client.contactCard.retrieve());
    return (response.contact_cards ?? []).map(toContactCard);
  }

  /** The card of one number, or null. Linq may answer "none" with an empty list or with 404/2012. */
  async getContactCard(phoneNumber: string): Promise<LinqContactCard | null> {
    try {
      const response = await call(() => this.client.contactCard.retrieve({ phone_number: phoneNumber }));
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
    return toContactCard(await call(() => this.client.contactCard.create(body, this.cardWrite)));
  }

  /** Sends only the fields given: Linq keeps the others as they are. */
  async updateContactCard(phoneNumber: string, patch: ContactCardPatch): Promise<LinqContactCard> {
    const params = {
      phone_number: phoneNumber,
      ...(patch.firstName !== undefined && { first_name: patch.firstName }),
      ...(patch.lastName !== undefined && { last_name: patch.lastName }),
      ...(patch.imageUrl !== undefined && { image_url: patch.imageUrl }),
    };
    return toContactCard(await call(() => this.client.contactCard.update(params, this.cardWrite)));
  }

  /** One page of chats; the cursor is Linq's, passed through untouched. */
  async listChats(query: ChatListQuery = {}): Promise<LinqPage<LinqChat>> {
    const page = await call(() => this.client.chats.listChats(query));
    return { items: page.chats.map(toChat), nextCursor: page.next_cursor || null };
  }

  async getChat(chatId: string): Promise<LinqChat> {
    return toChat(await call(() => this.client.chats.retrieve(chatId)));
  }

  async listMessages(chatId: string, query: { cursor?: string; limit?: number } = {}): Promise<LinqPage<LinqMessage>> {
    const page = await call(() => this.client.chats.messages.list(chatId, query));
    return { items: page.messages.map(toMessage), nextCursor: page.next_cursor || null };
  }

  /**
   * Whether the business has sent at least one message in the chat. Linq does not document the
   * order of messages, so pages are read until an outbound one turns up or none are left.
   */
  async hasOutboundMessage(chatId: string, pageSize = 100): Promise<boolean> {
    let cursor: string | undefined;
    do {
      const page = await this.listMessages(chatId, { limit: pageSize, cursor });
      if (page.items.some((message) => message.isFromMe)) return true;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return false;
  }

  /** Shares the card of the chat's line into the chat; returns Linq's HTTP status (204 expected). */
  async shareContactCard(chatId: string): Promise<{ httpStatus: number }> {
    const { response } = await call(() =>
      this.client.chats.shareContactCard(chatId, { ...WRITE_ONCE, timeout: this.timeouts.shareMs }).withResponse(),
    );
    return { httpStatus: response.status };
  }
}
