import type { ReactNode } from 'react';
import { requirePermission } from '@/lib/auth/guards';

// Checked here, above this segment's loading boundary, so a refused visitor gets a real 403
// status and not a streamed page whose status was already sent.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  await requirePermission('manageStaff');
  return children;
}
