import 'server-only';
import { notFound } from 'next/navigation';
import { recordCardActivations } from '@/lib/cards/save-card';
import { cardStatus, type CardStatus } from '@/lib/cards/status';
import { requirePermission } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { describeLinqError, getLinq, LinqError, type LinqContactCard } from '@/lib/linq';
import type { StaffFacingError } from '@/lib/linq/error-messages';

export interface CardRow {
  phoneNumber: string;
  card: LinqContactCard | null;
  status: CardStatus;
}

export type LinqRead<T> = { ok: true; value: T } | { ok: false; error: StaffFacingError };

/** Runs a Linq read for a page: a Linq failure becomes a message the page shows, not a crash. */
async function fromLinq<T>(read: () => Promise<T>): Promise<LinqRead<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof LinqError) return { ok: false, error: describeLinqError(error.facts()) };
    throw error;
  }
}

/** Every sending number with its card: two Linq calls, whatever the number of lines. */
export async function getCardRows(): Promise<LinqRead<CardRow[]>> {
  await requirePermission('view');
  const linq = getLinq();
  const read = await fromLinq(() => Promise.all([linq.listPhoneNumbers(), linq.listContactCards()]));
  if (!read.ok) return read;
  const [lines, cards] = read.value;
  await recordCardActivations(cards);
  const rows = lines
    .map((line) => {
      const card = cards.find((c) => c.phoneNumber === line.phoneNumber) ?? null;
      return { phoneNumber: line.phoneNumber, card, status: cardStatus(card) };
    })
    .sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
  return { ok: true, value: rows };
}

/** One number's card; 404 when the number is not a line of the account. */
export async function getCardRow(phoneNumber: string): Promise<LinqRead<CardRow>> {
  await requirePermission('view');
  const linq = getLinq();
  const read = await fromLinq(() => Promise.all([linq.listPhoneNumbers(), linq.getContactCard(phoneNumber)]));
  if (!read.ok) return read;
  const [lines, card] = read.value;
  if (!lines.some((line) => line.phoneNumber === phoneNumber)) notFound();
  await recordCardActivations([card]);
  return { ok: true, value: { phoneNumber, card, status: cardStatus(card) } };
}

export async function getCardRevisions(phoneNumber: string) {
  await requirePermission('view');
  return db.cardRevision.findMany({
    where: { phoneNumber },
    orderBy: { createdAt: 'desc' },
    take: 50,
    include: { actor: { select: { name: true, email: true } } },
  });
}

