import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';

export const PASSWORD_LINK_HOURS = 72;

export const USED_LINK_MESSAGE = 'This link is no longer valid: it was already used or has expired. Ask an admin for a new one.';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A set-password link still usable: never used, not expired, for an account that is not disabled. */
export function usableLinkWhere(token: string): Prisma.PasswordTokenWhereInput {
  return { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() }, user: { disabled: false } };
}

/** A single-use set-password link; the token is returned once and only its hash is stored. */
export async function createPasswordLink(tx: Prisma.TransactionClient, userId: string, createdById: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
  await tx.passwordToken.create({
    data: { tokenHash: hashToken(token), userId, createdById, expiresAt: new Date(Date.now() + PASSWORD_LINK_HOURS * 3_600_000) },
  });
  return `${getSettings().publicBaseUrl}/set-password?token=${token}`;
}

/**
 * Whether a set-password link can still be used, checked when its page opens so that nobody types a
 * password twice for nothing. Reveals nothing guessable: the token is 32 random bytes.
 */
export async function passwordLinkUsable(token: string): Promise<boolean> {
  const found = await db.passwordToken.findFirst({ where: usableLinkWhere(token), select: { tokenHash: true } });
  return found !== null;
}
