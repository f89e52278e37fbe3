import { cardStatus, type CardStatus } from '@/lib/lines/card-status';
import type { LinqContactCard, LinqGateway } from '@/lib/linq';

export interface CardRow {
  phoneNumber: string;
  card: LinqContactCard | null;
  status: CardStatus;
}

/** Every line of the account with its card, by number: two Linq calls, whatever the number of lines. */
export async function loadCardRows(linq: LinqGateway): Promise<CardRow[]> {
  const [lines, cards] = await Promise.all([linq.listPhoneNumbers(), linq.listContactCards()]);
  return lines
    .map((line) => {
      const card = cards.find((c) => c.phoneNumber === line.phoneNumber) ?? null;
      return { phoneNumber: line.phoneNumber, card, status: cardStatus(card) };
    })
    .sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
}
