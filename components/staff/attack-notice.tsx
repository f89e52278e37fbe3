import { ShieldAlert } from 'lucide-react';
import { DateTime } from '@/components/ui/date-time';
import type { AccountUnderAttack } from '@/lib/auth/login-attempts';
import { ACCOUNT_POLICY } from '@/lib/auth/throttle';

/** Accounts with many failed sign-ins in the last hour: who, how many, from how many addresses. */
export function AttackNotice({ accounts }: { accounts: AccountUnderAttack[] }) {
  if (accounts.length === 0) return null;
  return (
    <section role="status" aria-label="Sign-in attempts" className="flex gap-3 rounded-lg border border-warning/50 bg-warning/10 p-4 text-sm">
      <ShieldAlert className="mt-0.5 size-5 shrink-0" aria-hidden />
      <div className="flex flex-col gap-2">
        <h2 className="font-semibold">Someone is trying passwords on {accounts.length === 1 ? 'an account' : `${accounts.length} accounts`}</h2>
        <ul className="flex flex-col gap-1">
          {accounts.map((account) => (
            <li key={account.email}>
              <strong>{account.email}</strong>: {account.failures} failed sign-ins in the last hour from {account.addresses}{' '}
              {account.addresses === 1 ? 'address' : 'addresses'}, the latest <DateTime value={account.lastAt} />.
            </li>
          ))}
        </ul>
        <p className="text-muted-foreground">
          The account is not locked: each failure makes the next attempt wait longer (up to {ACCOUNT_POLICY.maxSeconds} seconds for the account, longer for the
          guessing address), so its owner can still sign in. If the owner did not make these attempts, reset their password.
        </p>
      </div>
    </section>
  );
}
