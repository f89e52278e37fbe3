// The console's view of Linq's objects: camelCase, only the fields it uses, tolerant of the
// fields Linq marks BETA or deprecated being absent.

export const CHAT_HEALTH_STATUSES = ['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT'] as const;
export type ChatHealth = (typeof CHAT_HEALTH_STATUSES)[number];

export interface LinqPhoneNumber {
  id: string;
  phoneNumber: string;
  /** Line reputation (BETA); null when Linq does not send it. */
  reputation: string | null;
}

export interface LinqContactCard {
  phoneNumber: string;
  firstName: string;
  lastName: string | null;
  imageUrl: string | null;
  /** True once Linq has applied the card to the line's device. */
  isActive: boolean;
}

export interface LinqChatHandle {
  handle: string;
  /** 'iMessage' | 'SMS' | 'RCS' as Linq sends it; kept as a string so an unknown value stays visible. */
  service: string | null;
  /** True for the business's own line in the chat. */
  isMe: boolean;
  status: string | null;
}

export interface LinqChat {
  id: string;
  displayName: string | null;
  service: string | null;
  isGroup: boolean;
  health: ChatHealth | null;
  handles: LinqChatHandle[];
  createdAt: string;
  updatedAt: string;
}

export interface LinqMessage {
  id: string;
  isFromMe: boolean;
  createdAt: string;
  text: string | null;
}

export interface LinqPage<T> {
  items: T[];
  /** Pass back to get the next page; null on the last one. */
  nextCursor: string | null;
}

export interface ChatListQuery {
  /** Only chats on this sending number (E.164). */
  from?: string;
  /** Only chats with this participant (E.164 or email). */
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ContactCardInput {
  phoneNumber: string;
  firstName: string;
  lastName?: string;
  imageUrl?: string;
}

export type ContactCardPatch = Partial<Omit<ContactCardInput, 'phoneNumber'>>;

/** What reading a chat's messages tells: an outbound message, and the latest message each way seen. */
export interface OutboundFacts {
  hasOutbound: boolean;
  lastOutboundAt: string | null;
  lastInboundAt: string | null;
  /** When each message read was written, and by which side (never what it said): the chat's timeline. */
  turns?: Array<{ at: string; fromUs: boolean }>;
}

export interface LinqWebhookSubscription {
  id: string;
  targetUrl: string;
  events: string[];
  isActive: boolean;
  createdAt: string;
}
