// The sandbox's state, kept in Linq's own wire shapes (snake_case) so that handlers can return
// objects as they are.

export type Service = 'iMessage' | 'SMS' | 'RCS';
export type Health = 'HEALTHY' | 'AT_RISK' | 'CRITICAL' | 'OPTED_OUT';

export interface SandboxLine {
  id: string;
  phone_number: string;
  reputation: 'HEALTHY' | 'AT_RISK' | 'CRITICAL';
  /** Service status, changed by the control API (phone_number.status_updated). */
  status?: 'ACTIVE' | 'FLAGGED';
  /** Overrides the sandbox-wide cardSetup behaviour for this line (tests provision their own lines). */
  card_setup?: 'active' | 'inactive' | 'fail';
  /** Overrides activateAfterMs for this line. */
  activate_after_ms?: number;
}

export interface SandboxCard {
  phone_number: string;
  first_name: string;
  last_name?: string;
  /** The re-hosted copy on the sandbox's "CDN", as Linq returns it. */
  image_url?: string;
  /** The address the card's photo was downloaded from. */
  source_image_url?: string;
  is_active: boolean;
  /** Epoch ms at which an inactive card turns active by itself, if it will. */
  activate_at?: number;
}

export interface SandboxHandle {
  id: string;
  handle: string;
  joined_at: string;
  service: Service;
  is_me: boolean;
  left_at: string | null;
  status: 'active' | 'left' | 'removed';
}

export interface SandboxChat {
  id: string;
  created_at: string;
  updated_at: string;
  display_name: string | null;
  handles: SandboxHandle[];
  health: Health;
  is_group: boolean;
  service: Service | null;
}

export interface SandboxMessage {
  id: string;
  chat_id: string;
  created_at: string;
  is_from_me: boolean;
  text: string;
  service: Service;
  from_handle: SandboxHandle;
  delivery_status: 'pending' | 'queued' | 'sent' | 'delivered' | 'received' | 'read' | 'failed';
  idempotency_key?: string;
}

/** One call to share_contact_card that Linq accepted. */
export interface SandboxShare {
  chat_id: string;
  from: string;
  at: string;
  /** False when it was accepted but could have had no effect (SMS/RCS, no outbound message). */
  effective: boolean;
}

export interface SandboxWebhookSubscription {
  id: string;
  target_url: string;
  subscribed_events: string[];
  phone_numbers?: string[];
  is_active: boolean;
  /** whsec_…: shown once, when the subscription is created. */
  signing_secret: string;
  created_at: string;
  updated_at: string;
}

export interface SandboxState {
  version: 1;
  lines: SandboxLine[];
  cards: Record<string, SandboxCard>;
  chats: SandboxChat[];
  messages: Record<string, SandboxMessage[]>;
  shares: SandboxShare[];
  /** Absent in state files written before webhooks existed. */
  webhook_subscriptions?: SandboxWebhookSubscription[];
}
