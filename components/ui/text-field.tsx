import type { ComponentProps, ReactNode } from 'react';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/utils';

/**
 * A labelled input with its hint and its error beside it, linked for screen readers
 * (aria-describedby, aria-invalid). `id` also names the hint (`<id>-hint`) and the error (`<id>-error`).
 */
export function TextField({
  id,
  label,
  hint,
  errors,
  className,
  ...input
}: { id: string; label: string; hint?: ReactNode; errors?: readonly string[] } & Omit<ComponentProps<'input'>, 'id'>) {
  return (
    <div className={cn('flex flex-col gap-2', className)}>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={Boolean(errors?.length)} aria-describedby={hint ? `${id}-hint ${id}-error` : `${id}-error`} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
