import { numberWhere, type NumberScope } from '@/lib/number-scope';
import 'server-only';
import { raiseAlert } from '@/lib/alerts/raise';
import { db } from '@/lib/db';
import { cardStatus, type CardStatus } from '@/lib/lines/card-status';
import type { LinqContactCard, LinqGateway, LinqPhoneNumber } from '@/lib/linq';

// The account's sending lines and their cards, as Linq lists them: eligibility reads the card's
// state from here, so that a page of chats costs no Linq call.

/** Keeps the lines Linq listed, with the state of each one's card. */
export async function recordLines(lines: LinqPhoneNumber[], cards: LinqContactCard[], at = new Date()): Promise<void> {
  const byNumber = new Map(cards.map((card) => [card.phoneNumber, card]));
  for (const line of lines) {
    const status = cardStatus(byNumber.get(line.phoneNumber));
    await db.sendingLine.upsert({
      where: { phoneNumber: line.phoneNumber },
      create: { phoneNumber: line.phoneNumber, linqId: line.id, reputation: line.reputation, cardStatus: status, cardCheckedAt: at, lastListedAt: at },
      update: { linqId: line.id, reputation: line.reputation, cardStatus: status, cardCheckedAt: at, lastListedAt: at },
    });
  }
}

/** Keeps the lines Linq listed, without touching their cards' state (a card page lists them). */
export async function recordListedLines(lines: LinqPhoneNumber[], at = new Date()): Promise<void> {
  for (const line of lines) {
    await db.sendingLine.upsert({
      where: { phoneNumber: line.phoneNumber },
      create: { phoneNumber: line.phoneNumber, linqId: line.id, reputation: line.reputation, lastListedAt: at },
      update: { linqId: line.id, reputation: line.reputation, lastListedAt: at },
    });
  }
}

/**
 * Whether a number is one of the account's, as Linq last listed them (the sync, a card page): the
 * only numbers the console asks Linq about, sets schedules for, or lets an event change.
 */
export async function isAccountNumber(phoneNumber: string): Promise<boolean> {
  const line = await db.sendingLine.findUnique({ where: { phoneNumber }, select: { linqId: true } });
  return Boolean(line?.linqId);
}

/** Reads the lines and the cards from Linq (two calls) and keeps them. */
export async function refreshLines(linq: LinqGateway): Promise<number> {
  const [lines, cards] = await Promise.all([linq.listPhoneNumbers(), linq.listContactCards()]);
  await recordLines(lines, cards);
  return lines.length;
}

/** A card's state as a save or a status read just learned it. */
export async function recordCardStatus(phoneNumber: string, status: CardStatus, at = new Date()): Promise<void> {
  await db.sendingLine.upsert({
    where: { phoneNumber },
    create: { phoneNumber, cardStatus: status, cardCheckedAt: at },
    update: { cardStatus: status, cardCheckedAt: at },
  });
}

/**
 * ACTIVE or FLAGGED, from a phone_number.status_updated webhook, for one of the account's own
 * numbers (as Linq lists them); an older change never overwrites a newer one. False when the
 * number is not the account's: nothing is created for it.
 */
export async function recordLineStatus(phoneNumber: string, status: string, changedAt: Date, reputation: string | null): Promise<boolean> {
  if (!(await isAccountNumber(phoneNumber))) return false;
  const [changed] = await db.$queryRawUnsafe<Array<{ previous: string | null }>>(
    `WITH before AS (SELECT "status" FROM "SendingLine" WHERE "phoneNumber" = $1)
     UPDATE "SendingLine" SET "status" = $2, "statusChangedAt" = $3::timestamp, "reputation" = COALESCE($4, "reputation")
      WHERE "phoneNumber" = $1
        AND ("statusChangedAt" IS NULL OR "statusChangedAt" <= $3::timestamp
             -- A time in the future (kept before event times were clamped) pins nothing.
             OR "statusChangedAt" > (now() AT TIME ZONE 'UTC') + interval '5 minutes')
      RETURNING (SELECT "status" FROM before) AS "previous"`,
    phoneNumber,
    status,
    changedAt,
    reputation,
  );
  if (changed && changed.previous !== status) await alertFlagChange(phoneNumber, changed.previous, status, changedAt);
  return true;
}

/** Linq flagging a number, or lifting its flag, alerts (Settings → Alerts); the event's time makes it one alert however often it is delivered. */
async function alertFlagChange(phoneNumber: string, previous: string | null, status: string, changedAt: Date): Promise<void> {
  const link = `/cards/${encodeURIComponent(phoneNumber)}`;
  const key = `line:${phoneNumber}:${status}:${changedAt.toISOString()}`;
  if (status === 'FLAGGED') {
    await raiseAlert({
      event: 'NUMBER_FLAGGED',
      key,
      title: `Linq flagged ${phoneNumber}`,
      detail: 'Shares from this number stop (and its automatic shares wait) until Linq makes it active again. Check the number’s messaging with Linq support.',
      link,
    });
  } else if (previous === 'FLAGGED') {
    await raiseAlert({
      event: 'NUMBER_UNFLAGGED',
      key,
      title: `${phoneNumber} is active again`,
      detail: 'Linq lifted the flag: shares from this number go out again.',
      link,
    });
  }
}

export interface LineSummary {
  phoneNumber: string;
  cardStatus: CardStatus;
  status: string | null;
}

/** The lines the index knows within the scope, by number. */
export async function listLines(scope: NumberScope): Promise<LineSummary[]> {
  const rows = await db.sendingLine.findMany({
    where: { phoneNumber: numberWhere(scope) },
    orderBy: { phoneNumber: 'asc' },
    select: { phoneNumber: true, cardStatus: true, status: true },
  });
  return rows.map((row) => ({ ...row, cardStatus: row.cardStatus as CardStatus }));
}
