'use client';

import { X } from 'lucide-react';
import { Dialog as DialogPrimitive } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { cn } from '@/lib/utils';

export const Dialog = DialogPrimitive.Root;

/**
 * Disabled until the page hydrates: a click before then would open nothing, or be replayed later
 * onto whatever is under the pointer by then.
 */
export function DialogTrigger({ disabled, ...props }: ComponentProps<typeof DialogPrimitive.Trigger>) {
  const hydrated = useHydrated();
  return <DialogPrimitive.Trigger disabled={disabled || !hydrated} {...props} />;
}
export const DialogClose = DialogPrimitive.Close;

/** Title, description (read by screen readers even when not shown) and the close button. */
export function DialogHeader({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="flex flex-col gap-1">
        <DialogPrimitive.Title className="text-lg font-semibold">{title}</DialogPrimitive.Title>
        <DialogPrimitive.Description className={description ? 'text-sm text-muted-foreground' : 'sr-only'}>{description ?? title}</DialogPrimitive.Description>
      </div>
      <DialogPrimitive.Close className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground" aria-label="Close">
        <X className="size-4" />
      </DialogPrimitive.Close>
    </div>
  );
}

const PLACEMENT = {
  /** A question in the middle of the screen. */
  center: 'top-1/2 left-1/2 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl border',
  /** Details sliding in from the right, beside the list they belong to. */
  side: 'inset-y-0 right-0 w-full max-w-lg overflow-y-auto border-l',
};

export function DialogContent({
  title,
  description,
  placement = 'center',
  className,
  children,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content> & { title: string; description?: ReactNode; placement?: keyof typeof PLACEMENT }) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40" />
      <DialogPrimitive.Content
        className={cn('fixed z-50 flex flex-col gap-4 bg-background p-6 shadow-xl outline-none', PLACEMENT[placement], className)}
        {...props}
      >
        <DialogHeader title={title} description={description} />
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
