import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/session-time';
import { db } from '@/lib/db';

/** Ends a session on the server. Its row is kept only as long as the session could have lived. */
export async function revokeSession(sessionId: string, userId: string, signedInAt: number): Promise<void> {
  const expiresAt = new Date((signedInAt + SESSION_MAX_AGE_SECONDS) * 1000);
  await db.$transaction([
    db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    db.revokedSession.upsert({ where: { sessionId }, create: { sessionId, userId, expiresAt }, update: {} }),
  ]);
}
