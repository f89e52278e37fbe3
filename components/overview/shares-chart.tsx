'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Shares per day over the last two weeks: succeeded by source (manual, bulk, scheduled, automatic) and failed, stacked. */
export function SharesChart({
  data,
  timeZone,
}: {
  data: Array<{ day: string; manual: number; bulk: number; scheduled: number; automatic: number; succeeded: number; failed: number }>;
  timeZone: string;
}) {
  const rows = data.map((d) => ({ ...d, label: d.day.slice(5) }));
  const total = data.reduce((sum, d) => sum + d.succeeded + d.failed, 0);
  const bySource = (key: 'manual' | 'bulk' | 'scheduled' | 'automatic') => data.reduce((sum, d) => sum + d[key], 0);
  return (
    <figure className="flex flex-col gap-2">
      <div
        className="h-64 w-full"
        role="img"
        aria-label={`Shares per day over 14 days: ${total} in all; shared ${bySource('manual')} by hand, ${bySource('bulk')} in bulk, ${bySource('scheduled')} by daily re-share, ${bySource('automatic')} automatically`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={false} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={false} />
            <Tooltip
              cursor={{ fill: 'var(--muted)' }}
              contentStyle={{ background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="manual" name="Shared by hand" stackId="shares" fill="var(--success)" />
            <Bar dataKey="bulk" name="Shared in bulk" stackId="shares" fill="var(--primary)" />
            <Bar dataKey="scheduled" name="Daily re-share" stackId="shares" fill="var(--chart-scheduled)" />
            <Bar dataKey="automatic" name="Automatic" stackId="shares" fill="var(--chart-automatic)" />
            <Bar dataKey="failed" name="Failed" stackId="shares" fill="var(--destructive)" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">
        Days in your time zone, {timeZone}. Refused attempts (not eligible, already shared) are not counted.
      </figcaption>
    </figure>
  );
}
