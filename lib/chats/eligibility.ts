// Whether a chat can receive the contact card now, rule by rule, each with a sentence a staff
// member understands. Pure: the page, the browser (optimistic updates) and the share action all
// decide with this one function.
import { hasLeftChat, sendingNumberOf } from '@/lib/chats/facts';
import { formatDateTime, formatTime } from '@/lib/format';
import type { CardStatus } from '@/lib/lines/card-status';
import type { ChatHealth } from '@/lib/linq/types';
import { localDate } from '@/lib/time-zone';

export interface ChatFacts {
  /** 'iMessage' | 'SMS' | 'RCS' as Linq sends it, or null when Linq does not say. */
  service: string | null;
  isGroup: boolean;
  health: ChatHealth | null;
  handles: ReadonlyArray<{ handle: string; isMe: boolean; status: string | null }>;
}

/** Whether the business has sent a message in the chat; 'unknown' until its messages are read. */
export type OutboundKnowledge = 'yes' | 'no' | 'unknown';

export interface EligibilityInput {
  chat: ChatFacts;
  outbound: OutboundKnowledge;
  /** The card of the chat's sending number; undefined when the cards could not be read. */
  cardStatus: CardStatus | undefined;
  lastSharedAt: Date | null;
  now: Date;
  cooldownMs: number;
  /** Linq flagged the chat's line (phone_number.status_updated): sending from it may be restricted. */
  lineFlagged?: boolean;
  /** The last share's outcome is unknown (Linq did not answer in time): the chat is held as if shared. */
  lastShareUncertain?: boolean;
  /** The zone the reasons' times are written in: the viewer's in the browser, UTC on the server. */
  timeZone?: string;
}

export type RuleId = 'imessage' | 'outbound' | 'card' | 'cooldown';
export type RuleStatus = 'pass' | 'fail' | 'pending';

export interface RuleResult {
  id: RuleId;
  status: RuleStatus;
  reason: string;
}

export type WarningId = 'opted_out' | 'left' | 'critical' | 'at_risk' | 'group' | 'line_flagged';

export interface EligibilityWarning {
  id: WarningId;
  /** A blocking warning makes the chat ineligible on its own. */
  blocking: boolean;
  message: string;
}

export interface Eligibility {
  eligible: boolean;
  /** Some rule cannot be decided yet (messages not read): neither eligible nor refused. */
  pending: boolean;
  sendingNumber: string | null;
  rules: RuleResult[];
  warnings: EligibilityWarning[];
  /** When the cooldown ends, if it is what stands in the way. */
  nextEligibleAt: Date | null;
  /** The first reason the chat cannot receive the card, or null. */
  blockedBecause: string | null;
}

function serviceRule({ service }: ChatFacts): RuleResult {
  if (service === 'iMessage') return { id: 'imessage', status: 'pass', reason: 'iMessage chat.' };
  if (service === null) {
    return { id: 'imessage', status: 'fail', reason: 'Linq does not say which service this chat uses, so the card might not arrive.' };
  }
  return { id: 'imessage', status: 'fail', reason: `${service} chat: contact cards only work in iMessage.` };
}

function outboundRule(outbound: OutboundKnowledge): RuleResult {
  if (outbound === 'yes') return { id: 'outbound', status: 'pass', reason: 'You have sent a message in this chat.' };
  if (outbound === 'no') return { id: 'outbound', status: 'fail', reason: 'You have not sent a message in this chat yet: send one first.' };
  return { id: 'outbound', status: 'pending', reason: 'Checking the chat’s messages…' };
}

function cardRule(sendingNumber: string | null, cardStatus: CardStatus | undefined): RuleResult {
  if (!sendingNumber) return { id: 'card', status: 'fail', reason: 'None of your numbers is in this chat.' };
  if (cardStatus === undefined) return { id: 'card', status: 'pending', reason: `Checking the card of ${sendingNumber}…` };
  if (cardStatus === 'none') return { id: 'card', status: 'fail', reason: `No contact card for ${sendingNumber}: create one under Contact cards.` };
  if (cardStatus === 'inactive') return { id: 'card', status: 'fail', reason: `The card of ${sendingNumber} is not applied yet by Linq.` };
  return { id: 'card', status: 'pass', reason: `Active card for ${sendingNumber}.` };
}

/** "Already shared today at 09:15 UTC; …" — the refusal the page and the server both give. */
export function describeRecentShare(lastSharedAt: Date, now: Date, cooldownMs: number, timeZone = 'UTC'): string {
  const sameDay = localDate(lastSharedAt, timeZone) === localDate(now, timeZone);
  const when = sameDay ? `today at ${formatTime(lastSharedAt, timeZone, { seconds: false })}` : `at ${formatDateTime(lastSharedAt, timeZone)}`;
  return `Already shared ${when}; it can be shared again from ${formatDateTime(new Date(lastSharedAt.getTime() + cooldownMs), timeZone)}.`;
}

/** The sentence for a chat held after a share whose outcome is unknown. */
export function describeUncertainHold(heldUntil: Date, timeZone = 'UTC'): string {
  return `Linq did not answer in time; the card may have reached the customer. The chat is held until ${formatDateTime(heldUntil, timeZone)}, or until an operator releases it.`;
}

function cooldownRule(lastSharedAt: Date | null, input: EligibilityInput): { rule: RuleResult; nextEligibleAt: Date | null } {
  const { now, cooldownMs, lastShareUncertain = false, timeZone } = input;
  if (!lastSharedAt) return { rule: { id: 'cooldown', status: 'pass', reason: 'Never shared into this chat.' }, nextEligibleAt: null };
  const next = new Date(lastSharedAt.getTime() + cooldownMs);
  if (now < next) {
    const reason = lastShareUncertain ? describeUncertainHold(next, timeZone) : describeRecentShare(lastSharedAt, now, cooldownMs, timeZone);
    return { rule: { id: 'cooldown', status: 'fail', reason }, nextEligibleAt: next };
  }
  return { rule: { id: 'cooldown', status: 'pass', reason: `Last shared at ${formatDateTime(lastSharedAt, timeZone)}.` }, nextEligibleAt: null };
}

function warningsFor(chat: ChatFacts, lineFlagged: boolean): EligibilityWarning[] {
  const warnings: EligibilityWarning[] = [];
  if (hasLeftChat(chat)) {
    warnings.push({ id: 'left', blocking: true, message: 'Your number has left this chat: nothing can be shared into it.' });
  }
  if (chat.health === 'OPTED_OUT') {
    warnings.push({ id: 'opted_out', blocking: true, message: 'The customer opted out of messages: sharing is blocked.' });
  }
  if (chat.health === 'CRITICAL')
    warnings.push({ id: 'critical', blocking: false, message: 'Chat health is critical: messages here may hurt the line’s reputation.' });
  if (chat.health === 'AT_RISK') warnings.push({ id: 'at_risk', blocking: false, message: 'Chat health is at risk: keep messages here to a minimum.' });
  if (chat.isGroup) warnings.push({ id: 'group', blocking: false, message: 'Group chat: everyone in it will be offered the card.' });
  if (lineFlagged) {
    warnings.push({
      id: 'line_flagged',
      blocking: false,
      message: 'Linq has flagged this sending number: messages from it may be restricted until it recovers.',
    });
  }
  return warnings;
}

export function evaluateEligibility(input: EligibilityInput): Eligibility {
  const { chat, outbound, cardStatus, lastSharedAt, lineFlagged = false } = input;
  const sendingNumber = sendingNumberOf(chat);
  const cooldown = cooldownRule(lastSharedAt, input);
  const rules = [serviceRule(chat), outboundRule(outbound), cardRule(sendingNumber, cardStatus), cooldown.rule];
  const warnings = warningsFor(chat, lineFlagged);
  const failed = rules.find((rule) => rule.status === 'fail');
  const blocking = warnings.find((warning) => warning.blocking);
  const pending = !failed && !blocking && rules.some((rule) => rule.status === 'pending');
  return {
    eligible: !failed && !blocking && !pending,
    pending,
    sendingNumber,
    rules,
    warnings,
    nextEligibleAt: cooldown.nextEligibleAt,
    blockedBecause: blocking?.message ?? failed?.reason ?? null,
  };
}

/** Why a chat cannot receive the card, as a short code (the Chats page's reasons), or null if it can. */
export type BlockCode = 'left' | 'opted_out' | 'not_imessage' | 'no_outbound' | 'no_card' | 'cooldown' | 'unconfirmed';

const RULE_CODES: Record<RuleId, BlockCode> = { imessage: 'not_imessage', outbound: 'no_outbound', card: 'no_card', cooldown: 'cooldown' };

export function blockCode(eligibility: Eligibility): BlockCode | null {
  if (eligibility.eligible) return null;
  const warning = eligibility.warnings.find((w) => w.blocking);
  if (warning?.id === 'left' || warning?.id === 'opted_out') return warning.id;
  const failed = eligibility.rules.find((rule) => rule.status === 'fail');
  return failed ? RULE_CODES[failed.id] : 'unconfirmed';
}
