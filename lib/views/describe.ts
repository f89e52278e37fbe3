// A saved view's suggested name, from its filters: "Eligible on +14155550101, never shared". Pure.
import type { ChatPageQuery } from '@/lib/validations/chats';

const STATES = { all: null, eligible: 'Eligible', checking: 'Being checked', ineligible: 'Not eligible' } as const;
const REASONS = {
  not_imessage: 'not iMessage',
  no_outbound: 'no message sent yet',
  no_card: 'no active card',
  cooldown: 'shared within the cooldown',
  opted_out: 'opted out',
  left: 'number left the chat',
} as const;
const SHARED = { any: null, never: 'never shared', recent: 'shared within the cooldown', earlier: 'shared before the cooldown' } as const;
const HEALTH = { any: null, HEALTHY: 'healthy', AT_RISK: 'at risk', CRITICAL: 'critical', OPTED_OUT: 'opted out' } as const;
const GROUP = { any: null, direct: 'direct', group: 'groups' } as const;

export function describeChatFilter(query: ChatPageQuery): string {
  const head = [STATES[query.show] ?? 'All chats', query.reason && `(${REASONS[query.reason]})`].filter(Boolean).join(' ');
  const parts = [
    query.from && `on ${query.from}`,
    query.service !== 'any' && (query.service === 'unknown' ? 'service unknown' : query.service),
    HEALTH[query.health],
    GROUP[query.group],
    SHARED[query.shared],
    query.q && `matching “${query.q}”`,
  ].filter(Boolean);
  const [first, ...rest] = parts;
  return [first ? `${head} ${first}` : head, ...rest].join(', ').slice(0, 60);
}
