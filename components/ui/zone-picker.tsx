'use client';

import { useState } from 'react';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';

/** Matches "new york", "new_york" or "york" to America/New_York, whatever the case. */
export function zoneMatches(zone: string, search: string): boolean {
  const words = search.trim().toLowerCase().replace(/[_/]/g, ' ').split(/\s+/).filter(Boolean);
  const name = zone.toLowerCase().replace(/[_/]/g, ' ');
  return words.every((word) => name.includes(word));
}

/**
 * A time zone from the runtime's 400-odd names: a search box narrows the list (the chosen zone
 * always stays in it), the list itself is an ordinary select for the keyboard and screen readers.
 * Its errors (`<id>-error`) are read out with it.
 */
export function ZonePicker({
  id,
  name,
  zones,
  value,
  onChange,
  errors,
}: {
  id: string;
  name: string;
  zones: readonly string[];
  value: string;
  onChange: (zone: string) => void;
  errors?: readonly string[];
}) {
  const [search, setSearch] = useState('');
  const shown = zones.filter((zone) => zone === value || zoneMatches(zone, search));
  return (
    <div className="flex max-w-full min-w-0 flex-col gap-2">
      <Label htmlFor={id}>Time zone</Label>
      <Input
        type="search"
        aria-label="Search zones"
        placeholder="Find a zone: city or region"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          // The first match is chosen as one types, as a search box of a picker does.
          const first = zones.find((zone) => zoneMatches(zone, event.target.value));
          if (event.target.value.trim() && first) onChange(first);
        }}
        className="w-64 max-w-full"
      />
      <NativeSelect
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={`${id}-error`}
      >
        {shown.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </NativeSelect>
      <p className="text-xs text-muted-foreground">{search.trim() ? `${shown.length} of ${zones.length} zones match.` : `${zones.length} zones.`}</p>
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
