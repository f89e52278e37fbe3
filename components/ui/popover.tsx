'use client';

import { Popover as PopoverPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { cn } from '@/lib/utils';

export const Popover = PopoverPrimitive.Root;

/** Disabled until the page hydrates: a click before then would open nothing. */
export function PopoverTrigger({ disabled, ...props }: ComponentProps<typeof PopoverPrimitive.Trigger>) {
  const hydrated = useHydrated();
  return <PopoverPrimitive.Trigger disabled={disabled || !hydrated} {...props} />;
}

export function PopoverContent({ className, align = 'start', sideOffset = 6, ...props }: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        align={align}
        sideOffset={sideOffset}
        className={cn('z-50 w-80 rounded-lg border bg-card p-4 text-sm shadow-lg outline-none', className)}
        {...props}
      />
    </PopoverPrimitive.Portal>
  );
}
