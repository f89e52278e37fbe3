'use client';

import { useQuery } from '@tanstack/react-query';
import { SlidersHorizontal } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { chatCountsQuery } from '@/components/chats/chat-queries';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { SavedViewsNav } from '@/components/views/saved-views-nav';
import type { FacetCounts } from '@/lib/chats/index-counts';
import type { LineSummary } from '@/lib/lines/store';
import { chatPageHref } from '@/lib/links';
import { cn } from '@/lib/utils';
import { BLOCK_REASONS, PAGE_SIZES, type BlockReason, type ChatPageQuery, type ChatState } from '@/lib/validations/chats';

const STATES: Array<{ value: ChatState; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'eligible', label: 'Eligible now' },
  { value: 'checking', label: 'Checking' },
  { value: 'ineligible', label: 'Not eligible' },
];

export const REASON_LABELS: Record<BlockReason, string> = {
  not_imessage: 'Not iMessage',
  no_outbound: 'No message sent yet',
  no_card: 'No active card',
  cooldown: 'Shared within the cooldown',
  opted_out: 'Opted out',
  left: 'Number left the chat',
};

const SELECTS = {
  shared: { label: 'Shared', options: { any: 'Any time or never', never: 'Never shared', recent: 'Within the cooldown', earlier: 'Before the cooldown' } },
  service: { label: 'Service', options: { any: 'Any service', iMessage: 'iMessage', SMS: 'SMS', RCS: 'RCS', unknown: 'Unknown' } },
  health: { label: 'Health', options: { any: 'Any health', HEALTHY: 'Healthy', AT_RISK: 'At risk', CRITICAL: 'Critical', OPTED_OUT: 'Opted out' } },
  group: { label: 'Chat type', options: { any: 'Direct and group', direct: 'Direct', group: 'Group' } },
} as const;

type SelectName = keyof typeof SELECTS;

const withCount = (label: string, count: number | undefined) => (count === undefined ? label : `${label} (${count.toLocaleString('en')})`);

function Pill({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={cn(
        'rounded-full border px-3 py-1 text-sm transition-colors hover:bg-muted',
        current && 'border-primary bg-primary/10 font-medium text-primary',
      )}
    >
      {children}
    </Link>
  );
}

/** How long typing pauses before the search applies. */
const SEARCH_DEBOUNCE_MS = 300;

/** The filters that narrow the chats (not their order or page size), for "Filters (N)" on phones. */
function activeFilterCount(query: ChatPageQuery): number {
  return [query.q, query.from, query.shared !== 'any', query.service !== 'any', query.health !== 'any', query.group !== 'any'].filter(Boolean).length;
}

/**
 * The search applies as the person types (after a pause, in the URL, from the index: no Linq call).
 * The page keys the filters without the search, so the field keeps its focus while the URL follows.
 */
function useSearchAsYouType(query: ChatPageQuery) {
  const router = useRouter();
  const applied = query.q ?? '';
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState(applied);
  // What this field last put in the address: its arrival must not undo what was typed since.
  const [sent, setSent] = useState(applied);
  if (seen !== applied) {
    // The address changed by another way (back, a link): the field follows it.
    setSeen(applied);
    if (applied !== sent && text.trim() !== applied) setText(applied);
  }
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === applied) return;
    const timer = setTimeout(() => {
      setSent(wanted);
      router.replace(chatPageHref({ ...query, q: wanted || undefined, cursor: undefined }));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, applied, query, router]);
  return { text, setText };
}

/**
 * The view's filters over every indexed chat, each value with how many chats it would show. The
 * search applies as one types; the menus apply together with "Apply filters" (so moving through a
 * menu with the keyboard changes nothing yet); the eligibility pills are links. Everything lives in
 * the URL. On a phone the form folds behind one "Filters (N)" button, so the chats start on the first
 * screen.
 */
export function ChatFilters({ query, lines, initialCounts }: { query: ChatPageQuery; lines: LineSummary[]; initialCounts: FacetCounts }) {
  const router = useRouter();
  const { data: counts } = useQuery({ ...chatCountsQuery(query), initialData: initialCounts });
  const count = <F extends keyof FacetCounts>(facet: F, value: string) => (counts ? (counts[facet] as Record<string, number>)[value] : undefined);
  const search = useSearchAsYouType(query);
  const [unfolded, setUnfolded] = useState(false);
  const active = activeFilterCount(query);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    // A new filter starts again from the first page.
    router.push(chatPageHref({ ...query, ...data, q: data.q?.trim() || undefined, cursor: undefined } as Partial<ChatPageQuery>));
  }

  return (
    <div className="flex flex-col gap-3">
      <Button
        type="button"
        variant="outline"
        className="w-fit md:hidden"
        aria-expanded={unfolded}
        aria-controls="chat-filters"
        onClick={() => setUnfolded(!unfolded)}
      >
        <SlidersHorizontal aria-hidden /> Filters{active > 0 && ` (${active})`}
      </Button>
      <form
        id="chat-filters"
        onSubmit={apply}
        role="search"
        aria-label="Filter chats"
        className={cn('flex-wrap items-end gap-3 md:flex', unfolded ? 'flex' : 'hidden')}
      >
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="filter-q">Search</Label>
          <Input
            id="filter-q"
            name="q"
            type="search"
            className="w-64 max-w-full"
            placeholder="Name, number or email"
            value={search.text}
            onChange={(event) => search.setText(event.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="filter-line">Sending number</Label>
          <NativeSelect id="filter-line" name="from" defaultValue={query.from ?? ''}>
            <option value="">{withCount('All numbers', count('line', 'all'))}</option>
            {lines.map((line) => (
              <option key={line.phoneNumber} value={line.phoneNumber}>
                {withCount(line.phoneNumber, count('line', line.phoneNumber))}
              </option>
            ))}
          </NativeSelect>
        </div>
        {(Object.keys(SELECTS) as SelectName[]).map((name) => (
          <div key={name} className="flex flex-col gap-1.5">
            <Label htmlFor={`filter-${name}`}>{SELECTS[name].label}</Label>
            <NativeSelect id={`filter-${name}`} name={name} defaultValue={query[name]}>
              {Object.entries(SELECTS[name].options).map(([value, label]) => (
                <option key={value} value={value}>
                  {withCount(label, count(name, value))}
                </option>
              ))}
            </NativeSelect>
          </div>
        ))}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="filter-sort">Sort by</Label>
          <NativeSelect id="filter-sort" name="sort" defaultValue={query.sort}>
            <option value="activity">Last activity</option>
            <option value="shared">Last shared</option>
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="filter-size">Per page</Label>
          <NativeSelect id="filter-size" name="limit" defaultValue={query.limit}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          Apply filters
        </Button>
      </form>
      {/* On a phone the saved views live here, with the filters (the navigation bar has no room). */}
      {unfolded && (
        <div className="md:hidden">
          <SavedViewsNav />
        </div>
      )}
      <nav aria-label="Eligibility" className="flex flex-wrap gap-1">
        {STATES.map(({ value, label }) => (
          <Pill key={value} href={chatPageHref({ ...query, show: value, reason: undefined, cursor: undefined })} current={query.show === value}>
            {withCount(label, count('state', value))}
          </Pill>
        ))}
      </nav>
      {query.show === 'ineligible' && (
        <nav aria-label="Why not eligible" className="flex flex-wrap gap-1">
          <Pill href={chatPageHref({ ...query, reason: undefined, cursor: undefined })} current={!query.reason}>
            Any reason
          </Pill>
          {BLOCK_REASONS.map((reason) => (
            <Pill key={reason} href={chatPageHref({ ...query, reason, cursor: undefined })} current={query.reason === reason}>
              {withCount(REASON_LABELS[reason], count('reason', reason))}
            </Pill>
          ))}
        </nav>
      )}
    </div>
  );
}
