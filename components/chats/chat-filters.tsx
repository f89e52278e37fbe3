'use client';

import { Search } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { cn } from '@/lib/utils';
import { chatPageHref, PAGE_SIZES, type ChatFilter, type ChatPageQuery } from '@/lib/validations/chats';

const SHOW: Array<{ value: ChatFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'eligible', label: 'Eligible now' },
  { value: 'ineligible', label: 'Not eligible' },
  { value: 'shared', label: 'Shared today' },
];

/** The chats view's settings; all of them live in the URL, so a view can be shared as a link. */
export function ChatFilters({ query, lines }: { query: ChatPageQuery; lines: string[] }) {
  const router = useRouter();
  const [participant, setParticipant] = useState(query.to ?? '');
  // A new filter starts again from the first page: Linq's cursor belongs to the old one.
  const go = (changes: Partial<ChatPageQuery>) => router.push(chatPageHref({ ...query, cursor: undefined, ...changes }));

  function search(event: FormEvent) {
    event.preventDefault();
    go({ to: participant.trim() || undefined });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="filter-line">Sending number</Label>
          <NativeSelect id="filter-line" value={query.from ?? ''} onChange={(e) => go({ from: e.target.value || undefined })}>
            <option value="">All numbers</option>
            {lines.map((line) => (
              <option key={line} value={line}>
                {line}
              </option>
            ))}
          </NativeSelect>
        </div>
        <form onSubmit={search} className="flex flex-col gap-1.5" role="search">
          <Label htmlFor="filter-participant">Participant</Label>
          <div className="flex gap-2">
            <Input
              id="filter-participant"
              className="w-64"
              placeholder="+14155550123 or name@icloud.com"
              value={participant}
              onChange={(e) => setParticipant(e.target.value)}
            />
            <Button type="submit" variant="outline" size="icon" aria-label="Search by participant">
              <Search />
            </Button>
          </div>
        </form>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="filter-size">Per page</Label>
          <NativeSelect id="filter-size" value={query.limit} onChange={(e) => go({ limit: Number(e.target.value) as ChatPageQuery['limit'] })}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <nav aria-label="Show" className="flex flex-wrap gap-1">
        {SHOW.map(({ value, label }) => (
          <Link
            key={value}
            href={chatPageHref({ ...query, show: value })}
            aria-current={query.show === value ? 'page' : undefined}
            className={cn(
              'rounded-full border px-3 py-1 text-sm transition-colors hover:bg-muted',
              query.show === value && 'border-primary bg-primary/10 font-medium text-primary',
            )}
          >
            {label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
