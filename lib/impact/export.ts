// Impact's figures as CSV: one line per number, source and window, with both groups' sizes and
// intervals. Pure: the route hands it what readImpact measured.
import { csvRow } from '@/lib/csv';
import { HORIZONS, type NumberImpact } from '@/lib/impact/measure';

const HEADER = [
  'number',
  'source',
  'within_days',
  'shared_chats',
  'shared_replied',
  'shared_rate',
  'shared_low',
  'shared_high',
  'comparable_chats',
  'comparable_replied',
  'comparable_rate',
  'comparable_low',
  'comparable_high',
  'difference',
  'difference_low',
  'difference_high',
  'unmatched',
];

const fixed = (value: number | undefined) => (value === undefined ? '' : value.toFixed(4));

export function impactCsv(impact: NumberImpact[]): string {
  const lines = [csvRow(HEADER)];
  for (const number of impact) {
    for (const { source, byHorizon } of number.sources) {
      for (const horizon of HORIZONS) {
        const { shared, comparable, difference, unmatched } = byHorizon[horizon];
        lines.push(
          csvRow([
            number.number,
            source?.toLowerCase() ?? 'all',
            horizon,
            shared.n,
            shared.replied,
            fixed(shared.rate),
            fixed(shared.low),
            fixed(shared.high),
            comparable.n,
            comparable.replied,
            fixed(comparable.rate),
            fixed(comparable.low),
            fixed(comparable.high),
            fixed(difference?.value),
            fixed(difference?.low),
            fixed(difference?.high),
            unmatched,
          ]),
        );
      }
    }
  }
  return lines.join('');
}
