import { authorize, refusalResponse } from '@/lib/auth/guards';
import { AUDIT_EXPORTS } from '@/lib/history/audit-export';
import { exportFileName, shareHistoryCsv } from '@/lib/history/export';
import { can } from '@/lib/roles';
import { csvDownload } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { HISTORY_TAB_PERMISSION, historyFiltersSchema } from '@/lib/validations/history';

// What a History tab lists with its filters (shares by default), as a streamed CSV download.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('exportHistory');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const filters = historyFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Staff, settings changes and alerts are for admins only, as their tabs are.
  const needs = filters.tab in HISTORY_TAB_PERMISSION ? HISTORY_TAB_PERMISSION[filters.tab as keyof typeof HISTORY_TAB_PERMISSION] : null;
  if (needs && !can(access.user.role, needs)) {
    return refusalResponse({ ok: false, status: 403, error: 'Your role does not allow this. Ask an admin if you need access.' });
  }
  const scoped = { ...filters, scope: access.user.numbers };
  const body = filters.tab === 'shares' ? shareHistoryCsv(scoped) : AUDIT_EXPORTS[filters.tab](scoped);
  return csvDownload(body, exportFileName(filters));
}
