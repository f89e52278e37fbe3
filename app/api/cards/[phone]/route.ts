import { authorize, refusalResponse } from '@/lib/auth/guards';
import { budgetSpentMessage, spendLinqBudget } from '@/lib/auth/linq-budget';
import { recordCardActivations } from '@/lib/cards/save-card';
import { cardStatus } from '@/lib/cards/status';
import { recordCardStatus } from '@/lib/chats/lines';
import { db } from '@/lib/db';
import { getLinq, readLinq } from '@/lib/linq';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { BAD_PHONE_PARAM, phoneNumberParam } from '@/lib/validations/route-params';

// Polled by the card editor while Linq applies a card (is_active false): the card's status now.
export async function GET(request: Request, { params }: { params: Promise<{ phone: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const { phone } = await params;
  const refused = refuseHostileAddress(request, { phone });
  if (refused) return refused;
  const phoneNumber = phoneNumberParam(phone);
  if (!phoneNumber) return Response.json({ error: BAD_PHONE_PARAM }, { status: 400 });
  // Only the account's own numbers, as the last sync listed them: any other is not asked of Linq.
  if (!(await db.sendingLine.findUnique({ where: { phoneNumber }, select: { phoneNumber: true } }))) {
    return Response.json({ error: `${phoneNumber} is not a number of this Linq account.` }, { status: 404 });
  }
  const budget = spendLinqBudget(access.user.id);
  if (!budget.ok) return Response.json({ error: budgetSpentMessage(budget.retryAfterSeconds) }, { status: 429, headers: { 'Retry-After': String(budget.retryAfterSeconds) } });
  const card = await readLinq(() => getLinq().getContactCard(phoneNumber), { phoneNumber });
  if (!card.ok) return Response.json({ error: card.error }, { status: 502 });
  await recordCardActivations([card.value]);
  await recordCardStatus(phoneNumber, cardStatus(card.value));
  return Response.json({ status: cardStatus(card.value), card: card.value }, { headers: { 'Cache-Control': 'no-store' } });
}
