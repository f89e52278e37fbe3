import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import type { ImpactFilters } from '@/lib/validations/impact';

/** Number, period and the chart's window: a plain form, its address shareable. */
export function ImpactFilterForm({ filters, lines }: { filters: ImpactFilters; lines: string[] }) {
  return (
    <form method="get" action="/impact" aria-label="Impact filters" className="flex flex-wrap items-end gap-4">
      <div className="flex max-w-full min-w-0 flex-col gap-1.5">
        <Label htmlFor="impact-number">Number</Label>
        <NativeSelect id="impact-number" name="number" defaultValue={filters.number ?? ''}>
          <option value="">Every number</option>
          {lines.map((line) => (
            <option key={line} value={line}>
              {line}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="impact-weeks">Shares made in</Label>
        <NativeSelect id="impact-weeks" name="weeks" defaultValue={filters.weeks}>
          <option value="4">the last 4 weeks</option>
          <option value="8">the last 8 weeks</option>
          <option value="13">the last 13 weeks</option>
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="impact-within">Chart: wrote back within</Label>
        <NativeSelect id="impact-within" name="within" defaultValue={filters.within}>
          <option value="1">1 day</option>
          <option value="3">3 days</option>
          <option value="7">7 days</option>
        </NativeSelect>
      </div>
      <Button type="submit" variant="outline">
        Apply
      </Button>
    </form>
  );
}
