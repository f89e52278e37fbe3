import { describe, expect, it } from 'vitest';
import { evaluateEligibility, type ChatFacts, type OutboundKnowledge } from '@/lib/chats/eligibility';
import type { CardStatus } from '@/lib/lines/card-status';
import type { ChatHealth } from '@/lib/linq/types';

const now = new Date('2026-11-24T12:00:00Z');
const DAY = 24 * 3_600_000;
const LINE = '+14155550100';

function chat(overrides: Partial<ChatFacts> & { me?: 'active' | 'left' | 'none' } = {}): ChatFacts {
  const { me = 'active', ...rest } = overrides;
  const handles = [{ handle: '+13125550142', isMe: false, status: 'active' }];
  if (me !== 'none') handles.unshift({ handle: LINE, isMe: true, status: me });
  return { service: 'iMessage', isGroup: false, health: 'HEALTHY', handles, ...rest };
}

const eligibleInput = { chat: chat(), outbound: 'yes' as const, cardStatus: 'active' as const, lastSharedAt: null, now, cooldownMs: DAY };

describe('evaluateEligibility over every combination', () => {
  const services = ['iMessage', 'SMS', 'RCS', null];
  const outbounds: OutboundKnowledge[] = ['yes', 'no', 'unknown'];
  const cards: Array<CardStatus | undefined> = ['active', 'inactive', 'none', undefined];
  const lastShares: Array<[string, Date | null, boolean]> = [
    ['never', null, true],
    ['an hour ago', new Date(now.getTime() - 3_600_000), false],
    ['exactly one cooldown ago', new Date(now.getTime() - DAY), true],
    ['two days ago', new Date(now.getTime() - 2 * DAY), true],
  ];
  const healths: Array<ChatHealth | null> = ['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT', null];

  it('is eligible exactly when every rule passes and nothing blocks, pending exactly when only unknowns stand in the way', () => {
    let cases = 0;
    for (const service of services)
      for (const outbound of outbounds)
        for (const cardStatus of cards)
          for (const [, lastSharedAt, cooledDown] of lastShares)
            for (const health of healths)
              for (const isGroup of [false, true])
                for (const me of ['active', 'left', 'none'] as const) {
                  const result = evaluateEligibility({
                    chat: chat({ service, health, isGroup, me }),
                    outbound,
                    cardStatus,
                    lastSharedAt,
                    now,
                    cooldownMs: DAY,
                  });
                  const hasMe = me !== 'none';
                  const fails = service !== 'iMessage' || outbound === 'no' || !hasMe || cardStatus === 'none' || cardStatus === 'inactive' || !cooledDown;
                  const blocks = me === 'left' || health === 'OPTED_OUT';
                  const unknown = outbound === 'unknown' || (hasMe && cardStatus === undefined);
                  expect(result.eligible).toBe(!fails && !blocks && !unknown);
                  expect(result.pending).toBe(!fails && !blocks && unknown);
                  expect(result.blockedBecause === null).toBe(!fails && !blocks);
                  expect(result.rules.map((r) => r.id)).toEqual(['imessage', 'outbound', 'card', 'cooldown']);
                  cases += 1;
                }
    expect(cases).toBe(4 * 3 * 4 * 4 * 5 * 2 * 3);
  });
});

describe('evaluateEligibility reasons', () => {
  it('passes an iMessage chat with an outbound message and an active card, never shared', () => {
    const result = evaluateEligibility(eligibleInput);
    expect(result).toMatchObject({ eligible: true, pending: false, sendingNumber: LINE, blockedBecause: null, nextEligibleAt: null, warnings: [] });
    expect(result.rules.map((r) => r.reason)).toEqual([
      'iMessage chat.',
      'You have sent a message in this chat.',
      `Active card for ${LINE}.`,
      'Never shared into this chat.',
    ]);
  });

  it.each([
    ['SMS', 'SMS chat: contact cards only work in iMessage.'],
    ['RCS', 'RCS chat: contact cards only work in iMessage.'],
    [null, 'Linq does not say which service this chat uses, so the card might not arrive.'],
  ])('refuses a %s chat', (service, reason) => {
    expect(evaluateEligibility({ ...eligibleInput, chat: chat({ service }) }).blockedBecause).toBe(reason);
  });

  it('refuses a chat with no outbound message, and waits while its messages are being read', () => {
    expect(evaluateEligibility({ ...eligibleInput, outbound: 'no' }).blockedBecause).toBe('You have not sent a message in this chat yet: send one first.');
    const checking = evaluateEligibility({ ...eligibleInput, outbound: 'unknown' });
    expect(checking).toMatchObject({ eligible: false, pending: true, blockedBecause: null });
    expect(checking.rules[1]).toEqual({ id: 'outbound', status: 'pending', reason: 'Checking the chat’s messages…' });
  });

  it('names the number whose card is missing or not applied, and copes with a chat without one of our numbers', () => {
    expect(evaluateEligibility({ ...eligibleInput, cardStatus: 'none' }).blockedBecause).toBe(`No contact card for ${LINE}: create one under Contact cards.`);
    expect(evaluateEligibility({ ...eligibleInput, cardStatus: 'inactive' }).blockedBecause).toBe(`The card of ${LINE} is not applied yet by Linq.`);
    const noMe = evaluateEligibility({ ...eligibleInput, chat: chat({ me: 'none' }) });
    expect(noMe).toMatchObject({ eligible: false, sendingNumber: null, blockedBecause: 'None of your numbers is in this chat.' });
  });

  it('counts the cooldown to the millisecond', () => {
    const last = new Date(now.getTime() - DAY + 1);
    const cooling = evaluateEligibility({ ...eligibleInput, lastSharedAt: last });
    expect(cooling.eligible).toBe(false);
    expect(cooling.nextEligibleAt).toEqual(new Date(now.getTime() + 1));
    expect(cooling.blockedBecause).toBe('Already shared at 23 Nov 2026, 12:00 UTC; it can be shared again from 24 Nov 2026, 12:00 UTC.');
    const earlierToday = evaluateEligibility({ ...eligibleInput, lastSharedAt: new Date('2026-11-24T09:15:30Z') });
    expect(earlierToday.blockedBecause).toBe('Already shared today at 09:15 UTC; it can be shared again from 25 Nov 2026, 09:15 UTC.');
    const done = evaluateEligibility({ ...eligibleInput, lastSharedAt: new Date(now.getTime() - DAY) });
    expect(done).toMatchObject({ eligible: true, nextEligibleAt: null });
    expect(done.rules[3]!.reason).toBe('Last shared at 23 Nov 2026, 12:00 UTC.');
    expect(evaluateEligibility({ ...eligibleInput, lastSharedAt: new Date(now.getTime() - 3_600_000), cooldownMs: 1_800_000 }).eligible).toBe(true);
  });

  it('blocks an opted-out customer and a chat the line left; only warns on health and groups', () => {
    expect(evaluateEligibility({ ...eligibleInput, chat: chat({ health: 'OPTED_OUT' }) })).toMatchObject({
      eligible: false,
      blockedBecause: 'The customer opted out of messages: sharing is blocked.',
    });
    expect(evaluateEligibility({ ...eligibleInput, chat: chat({ me: 'left' }) }).blockedBecause).toBe(
      'Your number has left this chat: nothing can be shared into it.',
    );
    const warned = evaluateEligibility({ ...eligibleInput, chat: chat({ health: 'CRITICAL', isGroup: true }) });
    expect(warned.eligible).toBe(true);
    expect(warned.warnings.map((w) => [w.id, w.blocking])).toEqual([
      ['critical', false],
      ['group', false],
    ]);
    expect(evaluateEligibility({ ...eligibleInput, chat: chat({ health: 'AT_RISK' }) }).warnings[0]).toMatchObject({ id: 'at_risk', blocking: false });
  });

  it('puts the blocking warning before the failed rules in the summary', () => {
    const result = evaluateEligibility({ ...eligibleInput, chat: chat({ health: 'OPTED_OUT', service: 'SMS' }), outbound: 'no' });
    expect(result.blockedBecause).toBe('The customer opted out of messages: sharing is blocked.');
    expect(result.rules.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['imessage', 'outbound']);
  });

  it('warns, without blocking, when Linq has flagged the chat’s line', () => {
    const result = evaluateEligibility({ ...eligibleInput, lineFlagged: true });
    expect(result.eligible).toBe(true);
    expect(result.warnings).toEqual([{ id: 'line_flagged', blocking: false, message: expect.stringMatching(/flagged/) }]);
  });
});
