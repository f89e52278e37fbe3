import 'server-only';
import { raiseAlert } from '@/lib/alerts/raise';
import { readRule } from '@/lib/alerts/store';
import { recordCardActivations } from '@/lib/cards/save-card';
import { db } from '@/lib/db';
import { cardStatus } from '@/lib/lines/card-status';
import { recordCardStatus } from '@/lib/lines/store';
import type { LinqGateway } from '@/lib/linq';
import { logger } from '@/lib/observability/log';

/** A save Linq has not applied this long after alerts (Settings → Alerts). */
const NOT_APPLIED_ALERT_MS = 10 * 60_000;
/** Older saves are left alone: whoever saved them has long seen "not applied yet" on the card page. */
const WATCHED_FOR_MS = 24 * 3_600_000;

/**
 * Called by the tick: each number's latest save that Linq had not applied, 10 minutes on, is read
 * from Linq once more (nobody may have opened its page since); still inactive, it alerts once.
 */
export async function alertCardsNotApplied(now: Date, linq: LinqGateway): Promise<string | undefined> {
  if (!(await readRule('CARD_NOT_APPLIED')).enabled) return undefined;
  const waiting = await db.cardRevision.findMany({
    where: { outcome: 'NOT_APPLIED_YET', completedAt: { lte: new Date(now.getTime() - NOT_APPLIED_ALERT_MS), gte: new Date(now.getTime() - WATCHED_FOR_MS) } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, phoneNumber: true, completedAt: true },
  });
  const latestPerNumber = [...new Map(waiting.reverse().map((revision) => [revision.phoneNumber, revision])).values()];
  const alerted = new Set(
    (await db.alert.findMany({ where: { key: { in: latestPerNumber.map((r) => `card:${r.id}`) } }, select: { key: true } })).map((a) => a.key),
  );
  let raised = 0;
  for (const revision of latestPerNumber.filter((r) => !alerted.has(`card:${r.id}`))) {
    let card;
    try {
      card = await linq.getContactCard(revision.phoneNumber);
    } catch (error) {
      logger('cards').warn({ err: error, phoneNumber: revision.phoneNumber }, 'could not read a card not applied yet; trying again next minute');
      continue;
    }
    await recordCardActivations([card]);
    await recordCardStatus(revision.phoneNumber, cardStatus(card));
    if (card?.isActive) continue;
    const minutes = Math.round((now.getTime() - revision.completedAt!.getTime()) / 60_000);
    const sent = await raiseAlert(
      {
        event: 'CARD_NOT_APPLIED',
        key: `card:${revision.id}`,
        title: `The card of ${revision.phoneNumber} is still not applied`,
        detail: `Saved ${minutes} minutes ago, and Linq still reports it inactive: shares into this number’s chats are refused (Linq error 2012) until it is applied. Open the card and press Retry; if it stays so, ask Linq support.`,
        link: `/cards/${encodeURIComponent(revision.phoneNumber)}`,
      },
      now,
    );
    if (sent) raised += 1;
  }
  return raised > 0 ? `${raised} cards not applied: alerted` : undefined;
}
