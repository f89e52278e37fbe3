// Eligible chats for the share benchmarks, the same on both sides: the sandbox process adds them to
// Linq's side, the bench writes them to the console's index as a sync would have found them.
import { DEMO_LINES } from '@/lib/sandbox/seed';
import type { SandboxChat, SandboxHandle, SandboxMessage } from '@/lib/sandbox/types';

/** The sandbox's line with an active card. */
export const BENCH_LINE = DEMO_LINES.withActiveCard;

const uuid = (kind: number, i: number) => `00000000-0000-4000-8${kind}00-${String(i).padStart(12, '0')}`;

/** Chat number `i`: one customer on iMessage, who wrote, and a reply from the business (so eligible). */
export function benchChat(i: number, now: number): { chat: SandboxChat; messages: SandboxMessage[] } {
  const start = now - 2 * 86_400_000 - i * 1_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const handle = (kind: number, phone: string, isMe: boolean): SandboxHandle => ({
    id: uuid(kind, i),
    handle: phone,
    joined_at: at(0),
    service: 'iMessage',
    is_me: isMe,
    left_at: null,
    status: 'active',
  });
  const me = handle(1, BENCH_LINE, true);
  const customer = handle(2, `+1646${String(i).padStart(7, '0')}`, false);
  const id = uuid(0, i);
  const message = (kind: number, minutes: number, fromMe: boolean): SandboxMessage => ({
    id: uuid(kind, i),
    chat_id: id,
    created_at: at(minutes),
    is_from_me: fromMe,
    text: fromMe ? 'Your order is on its way' : 'Where is my order?',
    service: 'iMessage',
    from_handle: fromMe ? me : customer,
    delivery_status: fromMe ? 'delivered' : 'received',
  });
  const messages = [message(3, 1, false), message(4, 2, true)];
  const chat: SandboxChat = {
    id,
    created_at: at(0),
    updated_at: at(2),
    display_name: customer.handle,
    handles: [me, customer],
    health: 'HEALTHY',
    is_group: false,
    service: 'iMessage',
  };
  return { chat, messages };
}
