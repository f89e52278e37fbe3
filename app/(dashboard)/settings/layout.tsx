import type { ReactNode } from 'react';
import { requirePermission } from '@/lib/auth/guards';

// Checked above this segment's loading boundary, as for Staff: a refused visitor gets a real 403.
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requirePermission('manageSettings');
  return children;
}
