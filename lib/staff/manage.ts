import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import type { StaffUser } from '@/lib/auth/guards';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { can, type Role } from '@/lib/roles';
import { pauseRunsOf, pauseRunsOutside } from '@/lib/runs/owner';
import { createPasswordLink, hashToken, usableLinkWhere, USED_LINK_MESSAGE } from '@/lib/staff/tokens';

/** A change the rules do not allow; `message` is shown to the admin as is. */
export class StaffRuleError extends Error {
  override name = 'StaffRuleError';
}

type Account = { role: Role; disabled: boolean };
const snapshot = (user: Account): Prisma.InputJsonObject => ({ role: user.role, disabled: user.disabled });

/**
 * Runs a change to one account with every active admin locked, so that two admins demoting each
 * other at the same moment cannot leave the console without one.
 */
async function withAdminsLocked<T>(
  targetId: string,
  change: (tx: Prisma.TransactionClient, target: Account & { id: string; email: string }, activeAdmins: string[]) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "User" WHERE role = 'ADMIN' AND disabled = false ORDER BY id FOR UPDATE`;
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { id: true, email: true, role: true, disabled: true } });
    if (!target) throw new StaffRuleError('That staff member no longer exists; refresh the page.');
    return change(
      tx,
      target,
      admins.map((a) => a.id),
    );
  });
}

function assertNotLastAdmin(target: { id: string; role: Role; disabled: boolean }, activeAdmins: string[], becomes: Account): void {
  const isActiveAdmin = target.role === 'ADMIN' && !target.disabled;
  const staysActiveAdmin = becomes.role === 'ADMIN' && !becomes.disabled;
  if (isActiveAdmin && !staysActiveAdmin && activeAdmins.length <= 1) {
    throw new StaffRuleError('This is the last active admin: make someone else an admin first.');
  }
}

export async function createStaff(
  actor: StaffUser,
  input: { email: string; name: string; role: Role; password?: string },
): Promise<{ id: string; link?: string }> {
  // Without a password, the account gets a random one nobody knows, and a link to set their own.
  const passwordHash = await hashPassword(input.password ?? randomBytes(32).toString('base64url'));
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, role: true, disabled: true },
    });
    await tx.staffChange.create({ data: { kind: 'CREATED', actorId: actor.id, targetId: user.id, after: snapshot(user) } });
    if (input.password) return { id: user.id };
    const link = await createPasswordLink(tx, user.id, actor.id);
    await tx.staffChange.create({ data: { kind: 'PASSWORD_LINK_CREATED', actorId: actor.id, targetId: user.id } });
    return { id: user.id, link };
  });
}

export async function changeRole(actor: StaffUser, targetId: string, role: Role): Promise<void> {
  await withAdminsLocked(targetId, async (tx, target, admins) => {
    if (target.role === role) return;
    assertNotLastAdmin(target, admins, { role, disabled: target.disabled });
    // An admin has every number: a limit set while they were not is dropped, not revived by a later demotion.
    await tx.user.update({ where: { id: targetId }, data: { role, ...(role === 'ADMIN' && { limitedToNumbers: false, numbers: [] }) } });
    // Someone who may no longer share shares nothing more through their runs (their schedules stop at the tick).
    if (!can(role, 'shareCards')) await pauseRunsOf(tx, targetId);
    await tx.staffChange.create({
      data: { kind: 'ROLE_CHANGED', actorId: actor.id, targetId, before: snapshot(target), after: snapshot({ ...target, role }) },
    });
  });
}

export async function setDisabled(actor: StaffUser, targetId: string, disabled: boolean): Promise<void> {
  if (disabled && targetId === actor.id) throw new StaffRuleError('You cannot disable your own account; ask another admin.');
  await withAdminsLocked(targetId, async (tx, target, admins) => {
    if (target.disabled === disabled) return;
    assertNotLastAdmin(target, admins, { role: target.role, disabled });
    // Disabling ends every session for good: enabling again later must not revive them.
    await tx.user.update({ where: { id: targetId }, data: { disabled, ...(disabled && { sessionsRevokedAt: new Date() }) } });
    if (disabled) await pauseRunsOf(tx, targetId);
    await tx.staffChange.create({
      data: { kind: disabled ? 'DISABLED' : 'ENABLED', actorId: actor.id, targetId, before: snapshot(target), after: snapshot({ ...target, disabled }) },
    });
  });
}

/**
 * Limits an operator or a viewer to some sending numbers, or gives them every number (null). Their
 * running runs that cover another number pause (an admin can take them over); their daily re-shares
 * and automatic shares of other numbers stop at the next tick. Open pages follow at once (the live
 * stream re-reads the session on every staff change).
 */
export async function setNumbers(actor: StaffUser, targetId: string, numbers: readonly string[] | null): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { role: true, limitedToNumbers: true, numbers: true } });
    if (!target) throw new StaffRuleError('That staff member no longer exists; refresh the page.');
    if (target.role === 'ADMIN') throw new StaffRuleError('Admins always have every number: make them an operator or a viewer first.');
    const before = target.limitedToNumbers ? [...target.numbers].sort() : null;
    const after = numbers === null ? null : [...new Set(numbers)].sort();
    if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
    await tx.user.update({ where: { id: targetId }, data: { limitedToNumbers: after !== null, numbers: after ?? [] } });
    if (after !== null) await pauseRunsOutside(tx, targetId, after);
    await tx.staffChange.create({ data: { kind: 'NUMBERS_CHANGED', actorId: actor.id, targetId, before: { numbers: before }, after: { numbers: after } } });
    return { changed: true };
  });
}

/** Sets a new password, or makes a set-password link; either way the account's sessions end. */
export async function resetPassword(
  actor: StaffUser,
  targetId: string,
  password: string | undefined,
): Promise<{ link?: string; person: { id: string; name: string; email: string } }> {
  const passwordHash = password ? await hashPassword(password) : undefined;
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { id: true, name: true, email: true } });
    if (!target) throw new StaffRuleError('That staff member no longer exists; refresh the page.');
    await tx.user.update({
      where: { id: targetId },
      data: { sessionsRevokedAt: new Date(), sessionsRevokedReason: 'PASSWORD_CHANGED', ...(passwordHash && { passwordHash }) },
    });
    if (passwordHash) {
      await tx.staffChange.create({ data: { kind: 'PASSWORD_RESET', actorId: actor.id, targetId } });
      return { person: target };
    }
    const link = await createPasswordLink(tx, targetId, actor.id);
    await tx.staffChange.create({ data: { kind: 'PASSWORD_LINK_CREATED', actorId: actor.id, targetId } });
    return { link, person: target };
  });
}

/** Uses a set-password link: valid once, until it expires, for an account that is not disabled. */
export async function setPasswordWithToken(token: string, password: string): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const used = await tx.passwordToken.updateMany({ where: usableLinkWhere(token), data: { usedAt: new Date() } });
    if (used.count !== 1) throw new StaffRuleError(USED_LINK_MESSAGE);
    const { userId } = await tx.passwordToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { userId: true } });
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionsRevokedAt: new Date(), sessionsRevokedReason: 'PASSWORD_CHANGED' },
      select: { email: true },
    });
    await tx.staffChange.create({ data: { kind: 'PASSWORD_SET', actorId: userId, targetId: userId } });
    return user;
  });
}
