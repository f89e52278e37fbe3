'use client';

import { useQueryClient } from '@tanstack/react-query';
import { BookmarkPlus, Loader2 } from 'lucide-react';
import { useActionState, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { savedViewsQuery } from '@/components/views/view-queries';
import { saveViewAction, type SaveViewState } from '@/lib/actions/views';
import { VIEW_NAME_MAX } from '@/lib/validations/views';

/** "Save view": names the Chats page's filters, for the person or for everyone. */
export function SaveViewDialog({ query, suggestedName, canShare }: { query: string; suggestedName: string; canShare: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <BookmarkPlus aria-hidden /> Save view
        </Button>
      </DialogTrigger>
      {open && <SaveViewForm query={query} suggestedName={suggestedName} canShare={canShare} onSaved={() => setOpen(false)} />}
    </Dialog>
  );
}

function SaveViewForm({ query, suggestedName, canShare, onSaved }: { query: string; suggestedName: string; canShare: boolean; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [state, dispatch, pending] = useActionState<SaveViewState, FormData>(saveViewAction, null);
  useEffect(() => {
    if (!state?.ok) return;
    toast.success(state.message);
    void queryClient.invalidateQueries({ queryKey: savedViewsQuery.queryKey });
    onSaved();
  }, [state, queryClient, onSaved]);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <DialogContent title="Save this view" description="The filters of this page, under a name in the navigation, with how many chats they show.">
      <ActionForm action={dispatch} className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="query" value={query} />
        <TextField id="view-name" label="Name" name="name" defaultValue={suggestedName} maxLength={VIEW_NAME_MAX} required errors={fieldErrors?.name} />
        {canShare && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="shared" className="size-4 accent-primary" />
            Share with everyone (they see it in their navigation)
          </label>
        )}
        {state && !state.ok && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
        <Button type="submit" className="w-fit" disabled={pending}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          Save view
        </Button>
      </ActionForm>
    </DialogContent>
  );
}
