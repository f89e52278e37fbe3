import { describe, expect, it } from 'vitest';
import { can, isRole, PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/roles';

const expected: Record<Role, Permission[]> = {
  ADMIN: [
    'view',
    'editCards',
    'shareCards',
    'exportHistory',
    'syncChats',
    'manageStaff',
    'manageSettings',
    'takeOverWork',
    'shareViews',
    'manageSharedViews',
    'automateShares',
    'pauseAutoShares',
  ],
  OPERATOR: ['view', 'editCards', 'shareCards', 'exportHistory', 'syncChats', 'shareViews', 'automateShares'],
  VIEWER: ['view'],
};

describe('role checks', () => {
  it.each(ROLES)('%s may do exactly what its role allows', (role) => {
    const allowed = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
    expect(allowed).toEqual(expected[role]);
  });

  it('refuses everything to nobody', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(can(undefined, permission)).toBe(false);
    }
  });

  it('recognises only the three roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    for (const value of ['admin', 'OWNER', '', null, undefined, 1]) expect(isRole(value)).toBe(false);
  });
});
