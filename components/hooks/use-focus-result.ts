'use client';

import { useEffect, useRef, type RefObject } from 'react';

/**
 * After a form's answer, moves focus to what the answer says, so that it never falls to the page:
 * the form's message (an element marked `data-form-result`) or else the first field marked invalid.
 * (`firstInvalid`: the field first, for checks made in the browser). Runs on each new answer, not on the first render.
 */
export function useFocusResult(answer: unknown, form: RefObject<HTMLElement | null>, firstInvalid = false) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const result = form.current?.querySelector<HTMLElement>('[data-form-result]');
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = firstInvalid ? (invalid ?? result) : (result ?? invalid);
    target?.focus();
  }, [answer, form, firstInvalid]);
}
