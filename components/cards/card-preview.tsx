import { ChevronLeft, ChevronRight, Video } from 'lucide-react';
import { CardAvatar, type AvatarPhoto } from '@/components/cards/card-avatar';
import { cn } from '@/lib/utils';

interface PreviewProps {
  firstName: string;
  lastName: string;
  photo: AvatarPhoto;
}

// Fixed palettes (not the console's theme): the preview shows both appearances side by side. The
// greys and the blue are iOS's, darkened just enough for 4.5:1 (small text on the mock screen).
const APPEARANCE = {
  light: { screen: 'bg-white text-black', muted: 'text-[#6b6b70]', banner: 'bg-[#f2f2f7]', row: 'border-[#e5e5ea]', bubble: 'bg-[#e9e9eb] text-black' },
  dark: { screen: 'bg-black text-white', muted: 'text-[#8d8d93]', banner: 'bg-[#1c1c1e]', row: 'border-[#38383a]', bubble: 'bg-[#262629] text-white' },
} as const;

function displayName(firstName: string, lastName: string): string {
  return [firstName.trim(), lastName.trim()].filter(Boolean).join(' ') || 'First name';
}

function Phone({ appearance, firstName, lastName, photo }: PreviewProps & { appearance: keyof typeof APPEARANCE }) {
  const colors = APPEARANCE[appearance];
  const name = displayName(firstName, lastName);
  return (
    <figure className="flex flex-col items-center gap-2">
      <div className={cn('w-[248px] overflow-hidden rounded-[2.2rem] border-[6px] border-[#1d1d1f] shadow-lg', colors.screen)}>
        {/* The conversation, as the customer sees it once the card is shared. */}
        <div className="flex items-start justify-between px-3 pt-3 pb-2">
          <ChevronLeft className="size-5 text-[#0063cc]" aria-hidden />
          <div className="flex flex-col items-center gap-1">
            <CardAvatar firstName={firstName} lastName={lastName} photo={photo} className="size-12 text-[48px]" />
            <span className="flex max-w-[150px] items-center gap-0.5 text-[11px]">
              <span className="truncate">{name}</span>
              <ChevronRight className={cn('size-3 shrink-0', colors.muted)} aria-hidden />
            </span>
          </div>
          <Video className="size-5 text-[#0063cc]" aria-hidden />
        </div>
        <div className={cn('mx-3 flex items-center gap-2 rounded-xl px-2.5 py-2', colors.banner)}>
          <CardAvatar firstName={firstName} lastName={lastName} photo={photo} className="size-8 text-[32px]" />
          <div className="min-w-0 flex-1">
            <p className="truncate text-[11px] font-semibold">{name}</p>
            <p className={cn('text-[10px] leading-tight', colors.muted)}>Shared their name and photo</p>
          </div>
          <span className="rounded-full bg-[#0063cc] px-2.5 py-1 text-[10px] font-semibold text-white">Save</span>
        </div>
        <div className="flex flex-col gap-1 px-3 py-3">
          <span className={cn('max-w-[75%] self-start rounded-2xl px-3 py-1.5 text-[11px]', colors.bubble)}>Your order has shipped!</span>
          <span className="max-w-[75%] self-end rounded-2xl bg-[#0063cc] px-3 py-1.5 text-[11px] text-white">Thank you!</span>
        </div>
        {/* The same business in the Messages list, after the customer saved it. */}
        <div className={cn('flex items-center gap-2.5 border-t px-3 py-3', colors.row)}>
          <CardAvatar firstName={firstName} lastName={lastName} photo={photo} className="size-10 text-[40px]" />
          <div className="min-w-0 flex-1">
            <div className="flex items-baseline justify-between gap-2">
              <p className="truncate text-[12px] font-semibold">{name}</p>
              <span className={cn('shrink-0 text-[10px]', colors.muted)}>9:41</span>
            </div>
            <p className={cn('truncate text-[11px]', colors.muted)}>Thank you!</p>
          </div>
        </div>
      </div>
      <figcaption className="text-xs text-muted-foreground">{appearance === 'light' ? 'Light appearance' : 'Dark appearance'}</figcaption>
    </figure>
  );
}

/**
 * What the customer's iPhone shows: the shared card in the conversation, and the name in Messages.
 * Side by side under the form on narrow screens; one above the other in the editor's column beside it.
 */
export function CardPreview(props: PreviewProps) {
  return (
    <div aria-label="Preview on iPhone" role="group" className="flex flex-wrap justify-center gap-6 lg:flex-col lg:flex-nowrap">
      <Phone appearance="light" {...props} />
      <Phone appearance="dark" {...props} />
    </div>
  );
}
