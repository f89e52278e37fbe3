'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeekImpact } from '@/lib/impact/measure';

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * Week by week, the share of customers who wrote back within the window: after the card, and in
 * comparable chats. A week without shared chats leaves a gap. The same figures are in the table.
 */
export function ImpactChart({ number, weeks, within }: { number: string; weeks: WeekImpact[]; within: number }) {
  const rows = weeks.map((week) => ({
    label: week.week.slice(5),
    shared: week.shared.n > 0 ? week.shared.rate : null,
    comparable: week.comparable.n > 0 ? week.comparable.rate : null,
  }));
  const summary = weeks
    .filter((week) => week.shared.n > 0)
    .map((week) => `week of ${week.week}: ${percent(week.shared.rate)} after the card, ${percent(week.comparable.rate)} in comparable chats`)
    .join('; ');
  return (
    <div
      className="h-56 w-full"
      role="img"
      aria-label={`Customers of ${number} who wrote back within ${within} days, week by week${summary ? `: ${summary}` : ': no shared chats yet'}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={false} />
          <YAxis domain={[0, 1]} tickFormatter={percent} tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={false} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? percent(value) : '—')}
            contentStyle={{ background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="shared" name="After the card" stroke="var(--primary)" strokeWidth={2} connectNulls={false} dot />
          <Line dataKey="comparable" name="Comparable chats" stroke="var(--chart-automatic)" strokeWidth={2} strokeDasharray="4 3" connectNulls={false} dot />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
