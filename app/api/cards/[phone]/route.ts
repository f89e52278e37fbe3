import { authorize, refusalResponse } from '@/lib/auth/guards';
import { readCardStatusNow } from '@/lib/cards/status-read';
import { covers, NOT_YOUR_NUMBER } from '@/lib/number-scope';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { BAD_PHONE_PARAM, phoneNumberParam } from '@/lib/validations/route-params';

const STATUS = { not_account: 404, budget: 429, linq: 502 } as const;

// Polled by the card editor while Linq applies a card (is_active false): the card's status now.
export async function GET(request: Request, { params }: { params: Promise<{ phone: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const { phone } = await params;
  const refused = refuseHostileAddress(request, { phone });
  if (refused) return refused;
  const phoneNumber = phoneNumberParam(phone);
  if (!phoneNumber) return Response.json({ error: BAD_PHONE_PARAM }, { status: 400 });
  if (!covers(access.user.numbers, phoneNumber)) return Response.json({ error: NOT_YOUR_NUMBER }, { status: 404 });
  const read = await readCardStatusNow(phoneNumber, access.user.id);
  if (read.ok) return Response.json({ status: read.status, card: read.card }, { headers: { 'Cache-Control': 'no-store' } });
  const headers: Record<string, string> = read.reason === 'budget' ? { 'Retry-After': String(read.retryAfterSeconds) } : {};
  return Response.json({ error: read.error }, { status: STATUS[read.reason], headers });
}
