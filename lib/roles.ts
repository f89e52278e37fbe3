import type { Role as DbRole } from '@/generated/prisma/enums';

// Staff roles and who may do what. Pure and at the bottom of lib: validations, pages, the browser
// and the domains all decide through it.

/** Staff roles, most powerful first. Kept here (not imported) so client code need not load Prisma. */
export const ROLES = ['ADMIN', 'OPERATOR', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

// Fails to compile if the database enum and this list ever drift apart.
const sameRoles: [Role, DbRole] extends [DbRole, Role] ? true : never = true;
void sameRoles;

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  OPERATOR: 'Operator',
  VIEWER: 'Viewer',
};

/** Who may do what. Pages, actions and route handlers all decide through this one table. */
export const PERMISSIONS = {
  /** Read every section except Staff. */
  view: ['ADMIN', 'OPERATOR', 'VIEWER'],
  editCards: ['ADMIN', 'OPERATOR'],
  shareCards: ['ADMIN', 'OPERATOR'],
  exportHistory: ['ADMIN', 'OPERATOR'],
  /** Start a full sync of the chat index now. */
  syncChats: ['ADMIN', 'OPERATOR'],
  manageStaff: ['ADMIN'],
  /** Settings: webhooks, background work. */
  manageSettings: ['ADMIN'],
  /** Take over runs and daily re-shares of people who can no longer share. */
  takeOverWork: ['ADMIN'],
  /** Share a saved view of the Chats page with everyone (anyone may keep views of their own). */
  shareViews: ['ADMIN', 'OPERATOR'],
  /** Delete a shared view someone else made. */
  manageSharedViews: ['ADMIN'],
  /** Set up a number's automatic share (its shares are then made in the person's name). */
  automateShares: ['ADMIN', 'OPERATOR'],
  /** Pause, and resume, every automatic share of the account. */
  pauseAutoShares: ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
