import { describe, expect, it } from 'vitest';
import { nextSteps, type NextStepFacts } from '@/lib/overview/next-steps';

const facts: NextStepFacts = {
  numbers: [
    { phoneNumber: '+14155550101', cardStatus: 'none', imessageWithOutbound: 53, eligibleNow: 0 },
    { phoneNumber: '+14155550102', cardStatus: 'inactive', imessageWithOutbound: 1, eligibleNow: 0 },
    { phoneNumber: '+14155550103', cardStatus: 'active', imessageWithOutbound: 60, eligibleNow: 44 },
    { phoneNumber: '+14155550104', cardStatus: 'none', imessageWithOutbound: 0, eligibleNow: 0 },
  ],
  failedToday: 2,
  today: '2026-12-01',
  timeZone: 'Europe/Paris',
  webhooksConnected: false,
  syncIntervalMinutes: 30,
  nextReshare: { phoneNumber: '+14155550103', when: 'today 17:00 Europe/Paris', chats: 40 },
};
const operator = { editCards: true, shareCards: true, manageSettings: false };

describe('the Overview’s next steps', () => {
  it('names each missing card with the chats waiting, the chats to share, the failures, the webhooks and the next re-share', () => {
    expect(nextSteps(facts, operator).map((step) => [step.text, step.action, step.href])).toEqual([
      ['+14155550101 has no card: 53 iMessage chats are waiting.', 'Set up its card', '/cards/%2B14155550101'],
      ['The card of +14155550102 is not applied yet: 1 iMessage chat is waiting.', 'Check its card', '/cards/%2B14155550102'],
      ['44 chats can receive the card now.', 'Share', '/chats?show=eligible'],
      ['2 chats failed to receive the card today.', 'See why', '/history?from=2026-12-01&tz=Europe%2FParis&outcome=FAILED&latest=1'],
      ['Webhooks are not connected: the index lags up to 30 minutes behind Linq.', null, null],
      ['Next daily re-share of +14155550103: today 17:00 Europe/Paris, about 40 chats as things stand.', 'See the schedule', '/cards/%2B14155550103'],
    ]);
  });

  it('offers each person only what their role can do', () => {
    const viewer = nextSteps(facts, { editCards: false, shareCards: false, manageSettings: false });
    expect(viewer.map((step) => step.action)).toEqual(['See its card', 'See its card', 'See them', 'See why', null, 'See the schedule']);
    const admin = nextSteps(facts, { editCards: true, shareCards: true, manageSettings: true });
    expect(admin.find((step) => step.id === 'webhooks')).toMatchObject({ action: 'Connect webhooks', href: '/settings' });
  });

  it('says nothing when there is nothing to do', () => {
    const calm = { ...facts, numbers: [{ ...facts.numbers[2]!, eligibleNow: 0 }], failedToday: 0, webhooksConnected: true, nextReshare: null };
    expect(nextSteps(calm, operator)).toEqual([]);
  });
});
