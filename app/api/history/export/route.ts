import { authorize, refusalResponse } from '@/lib/auth/guards';
import { AUDIT_EXPORTS } from '@/lib/history/audit-export';
import { exportFileName, shareHistoryCsv } from '@/lib/history/export';
import { can } from '@/lib/roles';
import { csvDownload } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { historyFiltersSchema } from '@/lib/validations/history';

/** Staff and settings changes are for admins only, as their tabs are. */
const TAB_PERMISSION = { staff: 'manageStaff', settings: 'manageSettings' } as const;

// What a History tab lists with its filters (shares by default), as a streamed CSV download.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('exportHistory');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const filters = historyFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const needs = filters.tab === 'staff' || filters.tab === 'settings' ? TAB_PERMISSION[filters.tab] : null;
  if (needs && !can(access.user.role, needs)) {
    return refusalResponse({ ok: false, status: 403, error: 'Your role does not allow this. Ask an admin if you need access.' });
  }
  const body = filters.tab === 'shares' ? shareHistoryCsv(filters) : AUDIT_EXPORTS[filters.tab](filters);
  return csvDownload(body, exportFileName(filters));
}
