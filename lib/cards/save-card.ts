import 'server-only';
import { fallbackUpdate, planCardSave, type DesiredCard } from '@/lib/cards/plan';
import { db } from '@/lib/db';
import { cardStatus } from '@/lib/lines/card-status';
import { recordCardStatus } from '@/lib/lines/store';
import { describeLinqError, getLinq, LinqError, type LinqContactCard, type LinqGateway } from '@/lib/linq';
import type { StaffFacingError } from '@/lib/linq/error-messages';

export interface SaveFailure extends StaffFacingError {
  code?: number;
  traceId?: string;
}

export type CardSaveResult =
  | { status: 'unchanged' }
  | { status: 'applied' | 'not_applied_yet'; card: LinqContactCard; fellBackToUpdate: boolean; revisionId: string }
  | { status: 'failed'; failure: SaveFailure; revisionId?: string };

function failureFrom(error: LinqError, phoneNumber: string, afterFallback: boolean): SaveFailure {
  // Linq refuses both POST (2014: a card exists) and PATCH (2012: no active card) while a card
  // exists that has not been applied yet: say that, not "no card".
  if (afterFallback && error.code === 2012) {
    return {
      message: `Linq has a card for ${phoneNumber} that is not active yet, and refuses to change it until it is.`,
      nextStep: 'Wait a minute for Linq to apply it, then retry.',
      retryable: true,
      code: error.code,
      traceId: error.traceId,
    };
  }
  return { ...describeLinqError(error.facts(), { phoneNumber }), code: error.code, traceId: error.traceId };
}

/**
 * Saves a number's card at Linq and records the save as a CardRevision: written before calling
 * Linq (so an interrupted save is still on record) and completed with the outcome afterwards.
 */
export async function saveContactCard(actorId: string, desired: DesiredCard, linq: LinqGateway = getLinq()): Promise<CardSaveResult> {
  let current: LinqContactCard | null;
  try {
    current = await linq.getContactCard(desired.phoneNumber);
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    return { status: 'failed', failure: failureFrom(error, desired.phoneNumber, false) };
  }

  const plan = planCardSave(current, desired);
  if (plan.kind === 'nothing') return { status: 'unchanged' };

  const revision = await db.cardRevision.create({
    data: {
      phoneNumber: desired.phoneNumber,
      write: plan.kind === 'create' ? 'CREATE' : 'UPDATE',
      sentFields: plan.sentFields,
      beforeFirstName: current?.firstName ?? null,
      beforeLastName: current?.lastName ?? null,
      beforeImageUrl: current?.imageUrl ?? null,
      afterFirstName: desired.firstName,
      afterLastName: desired.lastName || null,
      afterImageUrl: desired.imageUrl ?? current?.imageUrl ?? null,
      actorId,
    },
    select: { id: true },
  });

  let fellBackToUpdate = false;
  let sentFields = plan.sentFields;
  try {
    let card: LinqContactCard;
    if (plan.kind === 'update') {
      card = await linq.updateContactCard(desired.phoneNumber, plan.patch);
    } else {
      try {
        card = await linq.createContactCard(plan.input);
      } catch (error) {
        if (!(error instanceof LinqError) || error.code !== 2014) throw error;
        // Someone (another staff member, Linq's dashboard) created the card meanwhile: update it.
        fellBackToUpdate = true;
        const fallback = fallbackUpdate(plan.input);
        sentFields = fallback.sentFields;
        card = await linq.updateContactCard(desired.phoneNumber, fallback.patch);
      }
    }
    const applied = card.isActive;
    await recordCardStatus(desired.phoneNumber, cardStatus(card));
    await db.cardRevision.update({
      where: { id: revision.id },
      data: {
        outcome: applied ? 'APPLIED' : 'NOT_APPLIED_YET',
        write: fellBackToUpdate ? 'UPDATE' : undefined,
        sentFields,
        fellBackToUpdate,
        linqImageUrl: card.imageUrl,
        completedAt: new Date(),
        appliedAt: applied ? new Date() : null,
      },
    });
    return { status: applied ? 'applied' : 'not_applied_yet', card, fellBackToUpdate, revisionId: revision.id };
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    const failure = failureFrom(error, desired.phoneNumber, fellBackToUpdate);
    await db.cardRevision.update({
      where: { id: revision.id },
      data: {
        outcome: 'FAILED',
        write: fellBackToUpdate ? 'UPDATE' : undefined,
        sentFields,
        fellBackToUpdate,
        linqCode: error.code ?? null,
        httpStatus: error.status ?? null,
        traceId: error.traceId ?? null,
        errorMessage: `${failure.message} ${failure.nextStep}`,
        completedAt: new Date(),
      },
    });
    return { status: 'failed', failure, revisionId: revision.id };
  }
}

/** Once Linq reports cards active, saves that were waiting for them are marked applied. */
export async function recordCardActivations(cards: Array<LinqContactCard | null>): Promise<void> {
  const active = cards.filter((card): card is LinqContactCard => card?.isActive === true).map((card) => card.phoneNumber);
  if (active.length === 0) return;
  await db.cardRevision.updateMany({
    where: { phoneNumber: { in: active }, outcome: 'NOT_APPLIED_YET' },
    data: { outcome: 'APPLIED', appliedAt: new Date() },
  });
}
