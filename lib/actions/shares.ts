'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionFailure, type ActionResult, type ActionSuccess } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { budgetSpentMessage, spendLinqBudget } from '@/lib/auth/linq-budget';
import { chatWithinScope } from '@/lib/chats/views';
import { NOT_YOUR_CHAT } from '@/lib/number-scope';
import { RELEASE_REASON_LIMITS } from '@/lib/shares/hold-release';
import { HoldReleaseError, releaseHold } from '@/lib/shares/reservation';
import { shareIntoChat } from '@/lib/shares/share-chat';
import { idSchema } from '@/lib/validations/safe-text';

/** A share: shared, or why not (`kind`), with Linq's code and trace id when Linq refused it. */
export type ShareActionResult =
  | ActionSuccess<{ sharedAt: string }>
  | ActionFailure<never, { kind: 'unknown'; heldUntil: string }>
  | ActionFailure<never, { kind: 'refused' | 'failed' | 'forbidden' | 'invalid'; code?: number; traceId?: string }>;

const chatIdSchema = idSchema();

/** What one share may ask of Linq: the chat, its card, its messages, the share itself. */
const SHARE_LINQ_CALLS = 4;

/** Shares the contact card of the chat's line into the chat. Eligibility is decided here again. */
export async function shareContactCardAction(chatId: unknown): Promise<ShareActionResult> {
  const access = await authorize('shareCards');
  if (!access.ok) return { ok: false, kind: 'forbidden', error: access.error };
  const parsed = chatIdSchema.safeParse(chatId);
  if (!parsed.success) return { ok: false, kind: 'invalid', error: 'That chat could not be identified; refresh the page.' };
  if (!(await chatWithinScope(parsed.data, access.user.numbers))) return { ok: false, kind: 'forbidden', error: NOT_YOUR_CHAT };
  const budget = spendLinqBudget(access.user.id, SHARE_LINQ_CALLS);
  if (!budget.ok) return { ok: false, kind: 'refused', error: budgetSpentMessage(budget.retryAfterSeconds) };

  const result = await shareIntoChat(access.user.id, parsed.data);
  switch (result.status) {
    case 'shared':
      return { ok: true, sharedAt: result.sharedAt.toISOString(), message: 'Contact card shared. The customer’s iPhone offers to save your name and photo.' };
    case 'unknown':
      return { ok: false, kind: 'unknown', error: result.message, heldUntil: result.heldUntil.toISOString() };
    case 'refused':
      return { ok: false, kind: 'refused', error: result.reason };
    case 'failed':
      return { ok: false, kind: 'failed', error: result.message, nextStep: result.nextStep, code: result.code, traceId: result.traceId };
  }
}

export type ReleaseResult = ActionResult;

const releaseReasonSchema = z
  .string()
  .trim()
  .min(RELEASE_REASON_LIMITS.min, 'Say why you believe the card did not arrive (for example: the customer says nothing was offered).')
  .max(RELEASE_REASON_LIMITS.max, `Keep the reason under ${RELEASE_REASON_LIMITS.max} characters.`);

/**
 * After a share whose outcome is unknown, an operator who knows the card did not arrive (the customer
 * says so) releases the chat from its hold, with their reason, so that it can be shared again now;
 * only once the share can no longer reach Linq. Recorded.
 */
export async function releaseShareHoldAction(chatId: unknown, reason: unknown): Promise<ReleaseResult> {
  const access = await authorize('shareCards');
  if (!access.ok) return failed(access.error);
  const parsed = chatIdSchema.safeParse(chatId);
  if (!parsed.success) return failed('That chat could not be identified; refresh the page.');
  if (!(await chatWithinScope(parsed.data, access.user.numbers))) return failed(NOT_YOUR_CHAT);
  const why = releaseReasonSchema.safeParse(reason);
  if (!why.success) return failed(why.error.issues[0]?.message ?? 'Say why the hold can be released.');
  let released: boolean;
  try {
    released = await releaseHold(parsed.data, access.user.id, why.data);
  } catch (error) {
    if (error instanceof HoldReleaseError) return failed(error.message);
    throw error;
  }
  revalidatePath('/chats');
  return released
    ? { ok: true, message: 'Released: the chat can receive the card again now. Your decision is recorded in its share history.' }
    : failed('Nothing holds this chat any more (it was released, or shared since). Refresh the page.');
}
