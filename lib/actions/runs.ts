'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, type ActionFailure, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { getSettings } from '@/lib/env';
import { formatCount } from '@/lib/format';
import { describeScope } from '@/lib/number-scope';
import { estimateSeconds } from '@/lib/runs/estimate';
import { cancelRun, countFailed, createRun, pauseRun, resumeRun, RunStateError, takeOverRun } from '@/lib/runs/runs';
import { planRun, type RunPlan } from '@/lib/runs/selection';
import { runWithinScope } from '@/lib/runs/view';
import { runSelectionSchema } from '@/lib/validations/runs';
import { idSchema } from '@/lib/validations/safe-text';

/** `limitedTo`: for a person limited to some numbers, the sentence that says the run covers only those. */
export type PlanResult = ActionResult<{ plan: RunPlan; estimateSeconds: number; limitedTo: string | null }>;
export type RunActionResult = ActionResult<{ runId: string }>;

const INVALID_SELECTION = 'That selection could not be read; refresh the page and select the chats again.';
/** A run that does not exist, or one of numbers not the person's: the same words. */
const UNKNOWN_RUN = 'That run could not be identified; refresh the page.';
const runIdSchema = idSchema();

/** The confirmation dialog's figures: what a bulk share of this selection would do now. */
export async function planBulkShareAction(selection: unknown): Promise<PlanResult> {
  const access = await authorize('shareCards');
  if (!access.ok) return failed(access.error);
  const parsed = runSelectionSchema.safeParse(selection);
  if (!parsed.success) return failed(INVALID_SELECTION);
  const { shareCooldownMs, shareRunConcurrency } = getSettings();
  const plan = await planRun(parsed.data, cooldownCutoff(new Date(), shareCooldownMs), access.user.numbers);
  return {
    ok: true,
    message: `${formatCount(plan.toShare)} of ${formatCount(plan.total)} chats would receive the card.`,
    plan,
    estimateSeconds: estimateSeconds(plan.toShare, shareRunConcurrency),
    limitedTo: access.user.numbers === null ? null : `Only chats of your numbers are covered: ${describeScope(access.user.numbers)}.`,
  };
}

/** Confirms a bulk share: the chats are frozen into a run that proceeds in the background. */
export async function startBulkShareAction(selection: unknown): Promise<RunActionResult> {
  const access = await authorize('shareCards');
  if (!access.ok) return failed(access.error);
  const parsed = runSelectionSchema.safeParse(selection);
  if (!parsed.success) return failed(INVALID_SELECTION);
  const run = await refusedAsMessage(() => createRun({ createdById: access.user.id, numbers: access.user.numbers, source: 'BULK', scope: parsed.data }));
  if ('error' in run) return run;
  if (!run.run) return failed('The run could not be made; try again.');
  revalidatePath('/chats');
  const toShare = run.run.total - run.run.skipped;
  return {
    ok: true,
    runId: run.run.id,
    message:
      toShare === 0
        ? 'None of these chats can receive the card now; the run’s page says why.'
        : `Sharing with ${formatCount(toShare)} chats in the background.`,
  };
}

/** "Retry the failed ones": a new run with the chats whose share failed in this one. */
export async function retryFailedAction(runId: unknown): Promise<RunActionResult> {
  const access = await authorize('shareCards');
  if (!access.ok) return failed(access.error);
  const parsed = runIdSchema.safeParse(runId);
  if (!parsed.success || !(await runWithinScope(parsed.data, access.user.numbers))) return failed(UNKNOWN_RUN);
  if ((await countFailed(parsed.data)) === 0) return failed('This run has no failed chats to try again.');
  const made = await refusedAsMessage(() =>
    createRun({ createdById: access.user.id, numbers: access.user.numbers, source: 'BULK', scope: { kind: 'retry', fromRunId: parsed.data } }),
  );
  if ('error' in made) return made;
  if (!made.run) return failed('The run could not be made; try again.');
  revalidatePath(`/runs/${parsed.data}`);
  const toShare = made.run.total - made.run.skipped;
  return {
    ok: true,
    runId: made.run.id,
    message:
      toShare === made.run.total
        ? `Trying the ${formatCount(made.run.total)} failed chats again in a new run.`
        : `Trying ${formatCount(toShare)} of the ${formatCount(made.run.total)} failed chats again in a new run; its page says why the others are left out.`,
  };
}

/** A rule of runs (too many in progress, already retried) as the message staff see. */
async function refusedAsMessage<T>(make: () => Promise<T>): Promise<{ run: T } | ActionFailure> {
  try {
    return { run: await make() };
  } catch (error) {
    if (error instanceof RunStateError) return failed(error.message);
    throw error;
  }
}

/** An admin takes over a run whose owner can no longer share (disabled, or no longer allowed). */
export async function takeOverRunAction(runId: unknown): Promise<RunActionResult> {
  const access = await authorize('takeOverWork');
  if (!access.ok) return failed(access.error);
  const parsed = runIdSchema.safeParse(runId);
  if (!parsed.success) return failed(UNKNOWN_RUN);
  const taken = await refusedAsMessage(() => takeOverRun(parsed.data, access.user.id));
  if ('error' in taken) return taken;
  revalidatePath(`/runs/${parsed.data}`);
  return { ok: true, runId: parsed.data, message: 'The run is yours now: it goes on in your name once you resume it.' };
}

const CONTROLS = {
  pause: { apply: pauseRun, done: 'Paused: the shares in flight finish, then nothing more is sent until you resume.' },
  resume: { apply: resumeRun, done: 'Resumed where it stood.' },
  cancel: { apply: cancelRun, done: 'Cancelled: the chats not shared yet are skipped.' },
} as const;

/** Pause, resume or cancel a run. */
export async function controlRunAction(runId: unknown, control: unknown): Promise<RunActionResult> {
  const access = await authorize('shareCards');
  if (!access.ok) return failed(access.error);
  const parsedId = runIdSchema.safeParse(runId);
  const parsedControl = z.enum(['pause', 'resume', 'cancel']).safeParse(control);
  if (!parsedId.success || !parsedControl.success || !(await runWithinScope(parsedId.data, access.user.numbers))) return failed(UNKNOWN_RUN);
  const { apply, done } = CONTROLS[parsedControl.data];
  try {
    const run = await apply(parsedId.data);
    return { ok: true, runId: run.id, message: done };
  } catch (error) {
    if (error instanceof RunStateError) return failed(`${error.message} Refresh to see where it stands.`);
    throw error;
  }
}
