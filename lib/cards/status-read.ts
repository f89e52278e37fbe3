import 'server-only';
import { budgetSpentMessage, spendLinqBudget } from '@/lib/auth/linq-budget';
import { recordCardActivations } from '@/lib/cards/save-card';
import { cardStatus, type CardStatus } from '@/lib/lines/card-status';
import { isAccountNumber, recordCardStatus } from '@/lib/lines/store';
import { getLinq, readLinq, type LinqContactCard } from '@/lib/linq';
import type { StaffFacingError } from '@/lib/linq/error-messages';

export type CardStatusRead =
  | { ok: true; status: CardStatus; card: LinqContactCard | null }
  | { ok: false; reason: 'not_account'; error: string }
  | { ok: false; reason: 'budget'; error: string; retryAfterSeconds: number }
  | { ok: false; reason: 'linq'; error: StaffFacingError & { code?: number; traceId?: string } };

/**
 * A card's status now, for the editor polling while Linq applies a card: only for the account's
 * own numbers, within the person's Linq budget; what it learns is kept (activation, status).
 * The caller has checked the session.
 */
export async function readCardStatusNow(phoneNumber: string, userId: string): Promise<CardStatusRead> {
  if (!(await isAccountNumber(phoneNumber))) return { ok: false, reason: 'not_account', error: `${phoneNumber} is not a number of this Linq account.` };
  const budget = spendLinqBudget(userId);
  if (!budget.ok) return { ok: false, reason: 'budget', error: budgetSpentMessage(budget.retryAfterSeconds), retryAfterSeconds: budget.retryAfterSeconds };
  const card = await readLinq(() => getLinq().getContactCard(phoneNumber), { phoneNumber });
  if (!card.ok) return { ok: false, reason: 'linq', error: card.error };
  await recordCardActivations([card.value]);
  await recordCardStatus(phoneNumber, cardStatus(card.value));
  return { ok: true, status: cardStatus(card.value), card: card.value };
}
