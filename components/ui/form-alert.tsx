import type { ReactNode } from 'react';

/** The error of a whole form (not of one field), announced to screen readers; focus goes to it (useFocusResult). */
export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <p
      role="alert"
      tabIndex={-1}
      data-form-result
      className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      {children}
    </p>
  );
}
