// What the Overview suggests doing next, from its figures: numbers whose card is missing while
// chats wait for it, chats that can receive the card now, failures to look at, webhooks not
// connected, the next daily re-share. Pure: the figures come from lib/overview/stats and the data layer.
import { formatCount } from '@/lib/format';
import { chatPageHref, historyHref } from '@/lib/links';

export interface NextStepFacts {
  numbers: Array<{ phoneNumber: string; cardStatus: 'none' | 'inactive' | 'active'; imessageWithOutbound: number; eligibleNow: number }>;
  /** Chats whose latest share attempt today failed. */
  failedToday: number;
  today: string;
  timeZone: string;
  webhooksConnected: boolean;
  syncIntervalMinutes: number;
  /** The soonest daily re-share: "today 17:00 Europe/Paris", and how many chats it would share now. */
  nextReshare: { phoneNumber: string; when: string; chats: number } | null;
}

export interface NextStep {
  id: string;
  tone: 'warning' | 'action' | 'info';
  text: string;
  /** Where the step is taken (null: nothing this person can open for it). */
  href: string | null;
  action: string | null;
}

export interface StepPermissions {
  editCards: boolean;
  shareCards: boolean;
  manageSettings: boolean;
}

const chats = (n: number) => `${formatCount(n)} ${n === 1 ? 'chat' : 'chats'}`;
const cardHref = (phoneNumber: string) => `/cards/${encodeURIComponent(phoneNumber)}`;

/** The steps in the order they matter: what blocks shares first, then what can be done now. */
export function nextSteps(facts: NextStepFacts, can: StepPermissions): NextStep[] {
  const steps: NextStep[] = [];
  for (const number of facts.numbers) {
    if (number.cardStatus === 'active' || number.imessageWithOutbound === 0) continue;
    const n = number.imessageWithOutbound;
    const waiting = `${formatCount(n)} iMessage ${n === 1 ? 'chat is' : 'chats are'} waiting`;
    steps.push({
      id: `card-${number.phoneNumber}`,
      tone: 'warning',
      text:
        number.cardStatus === 'none' ? `${number.phoneNumber} has no card: ${waiting}.` : `The card of ${number.phoneNumber} is not applied yet: ${waiting}.`,
      href: cardHref(number.phoneNumber),
      action: can.editCards ? (number.cardStatus === 'none' ? 'Set up its card' : 'Check its card') : 'See its card',
    });
  }
  const eligible = facts.numbers.reduce((sum, number) => sum + number.eligibleNow, 0);
  if (eligible > 0) {
    steps.push({
      id: 'eligible',
      tone: 'action',
      text: `${chats(eligible)} can receive the card now.`,
      href: chatPageHref({ show: 'eligible' }),
      action: can.shareCards ? 'Share' : 'See them',
    });
  }
  if (facts.failedToday > 0) {
    steps.push({
      id: 'failed',
      tone: 'warning',
      text: `${chats(facts.failedToday)} failed to receive the card today.`,
      href: historyHref({ from: facts.today, tz: facts.timeZone, outcome: 'FAILED', latest: '1' }),
      action: 'See why',
    });
  }
  if (!facts.webhooksConnected) {
    steps.push({
      id: 'webhooks',
      tone: 'warning',
      text: `Webhooks are not connected: the index lags up to ${facts.syncIntervalMinutes} minutes behind Linq.`,
      href: can.manageSettings ? '/settings' : null,
      action: can.manageSettings ? 'Connect webhooks' : null,
    });
  }
  if (facts.nextReshare) {
    steps.push({
      id: 'reshare',
      tone: 'info',
      text: `Next daily re-share of ${facts.nextReshare.phoneNumber}: ${facts.nextReshare.when}, about ${chats(facts.nextReshare.chats)} as things stand.`,
      href: cardHref(facts.nextReshare.phoneNumber),
      action: 'See the schedule',
    });
  }
  return steps;
}
