'use server';

import { z } from 'zod';
import { authorize } from '@/lib/auth/guards';
import { shareIntoChat } from '@/lib/shares/share-chat';

export type ShareActionResult =
  | { ok: true; sharedAt: string; message: string }
  | { ok: false; kind: 'refused' | 'failed' | 'forbidden' | 'invalid'; message: string; nextStep?: string; code?: number; traceId?: string };

const chatIdSchema = z.string().trim().min(1).max(100);

/** Shares the contact card of the chat's line into the chat. Eligibility is decided here again. */
export async function shareContactCardAction(chatId: unknown): Promise<ShareActionResult> {
  const access = await authorize('shareCards');
  if (!access.ok) return { ok: false, kind: 'forbidden', message: access.error };
  const parsed = chatIdSchema.safeParse(chatId);
  if (!parsed.success) return { ok: false, kind: 'invalid', message: 'That chat could not be identified; refresh the page.' };

  const result = await shareIntoChat(access.user.id, parsed.data);
  switch (result.status) {
    case 'shared':
      return { ok: true, sharedAt: result.sharedAt.toISOString(), message: 'Contact card shared. The customer’s iPhone offers to save your name and photo.' };
    case 'refused':
      return { ok: false, kind: 'refused', message: result.reason };
    case 'failed':
      return { ok: false, kind: 'failed', message: result.message, nextStep: result.nextStep, code: result.code, traceId: result.traceId };
  }
}
