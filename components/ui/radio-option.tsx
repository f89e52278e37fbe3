import type { ComponentProps, ReactNode } from 'react';

/** One choice of a radio group, its label clickable. */
export function RadioOption({ children, ...input }: { children: ReactNode } & Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="radio" className="accent-primary" {...input} />
      {children}
    </label>
  );
}
