'use client';

import { useTransition, type ComponentProps } from 'react';

/**
 * A form that hands its FormData to a server action without React 19's automatic reset:
 * with `<form action>`, React clears every field once the action finishes, so a person who
 * got a validation error would lose what they typed. Reset explicitly on success instead.
 */
export function ActionForm({ action, ...props }: { action: (formData: FormData) => void } & Omit<ComponentProps<'form'>, 'action' | 'onSubmit'>) {
  const [, startTransition] = useTransition();
  return (
    <form
      {...props}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => action(data));
      }}
    />
  );
}
