import 'server-only';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/guards';
import { budgetSpentMessage, spendLinqBudget } from '@/lib/auth/linq-budget';
import { loadCardRows, type CardRow } from '@/lib/cards/rows';
import { recordCardActivations } from '@/lib/cards/save-card';
import { db } from '@/lib/db';
import { cardStatus } from '@/lib/lines/card-status';
import { recordCardStatus, recordListedLines } from '@/lib/lines/store';
import { getLinq, readLinq, type LinqRead } from '@/lib/linq';
import { covers, within } from '@/lib/number-scope';

export type { CardRow } from '@/lib/cards/rows';

/** The person's Linq budget, as a read's failure when it is spent (two calls per card page). */
function budgetRefusal(userId: string): LinqRead<never> | null {
  const budget = spendLinqBudget(userId, 2);
  return budget.ok
    ? null
    : { ok: false, error: { message: budgetSpentMessage(budget.retryAfterSeconds), nextStep: 'Reload the page in a moment.', retryable: true } };
}

/** Every sending number of the person's with its card, or the Linq failure to show in their place. */
export async function getCardRows(): Promise<LinqRead<CardRow[]>> {
  const user = await requirePermission('view');
  const refused = budgetRefusal(user.id);
  if (refused) return refused;
  const rows = await readLinq(() => loadCardRows(getLinq()));
  if (rows.ok) {
    await recordCardActivations(rows.value.map((row) => row.card));
    for (const row of rows.value) await recordCardStatus(row.phoneNumber, row.status);
    return { ok: true, value: within(user.numbers, rows.value, (row) => row.phoneNumber) };
  }
  return rows;
}

/** One number's card; 404 when the number is not a line of the account, or not one of the person's. */
export async function getCardRow(phoneNumber: string): Promise<LinqRead<CardRow>> {
  const user = await requirePermission('view');
  if (!covers(user.numbers, phoneNumber)) notFound();
  const refused = budgetRefusal(user.id);
  if (refused) return refused;
  const linq = getLinq();
  const read = await readLinq(() => Promise.all([linq.listPhoneNumbers(), linq.getContactCard(phoneNumber)]), { phoneNumber });
  if (!read.ok) return read;
  const [lines, card] = read.value;
  if (!lines.some((line) => line.phoneNumber === phoneNumber)) notFound();
  await recordListedLines(lines);
  await recordCardActivations([card]);
  await recordCardStatus(phoneNumber, cardStatus(card));
  return { ok: true, value: { phoneNumber, card, status: cardStatus(card) } };
}

export async function getCardRevisions(phoneNumber: string) {
  const user = await requirePermission('view');
  if (!covers(user.numbers, phoneNumber)) notFound();
  return db.cardRevision.findMany({
    where: { phoneNumber },
    orderBy: { createdAt: 'desc' },
    take: 50,
    include: { actor: { select: { name: true, email: true } } },
  });
}
