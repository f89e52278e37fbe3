import { LogOut, UserRound } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { signOutAction } from '@/lib/actions/auth';
import type { StaffUser } from '@/lib/auth/guards';
import { ROLE_LABELS } from '@/lib/roles';

export function UserPanel({ user }: { user: StaffUser }) {
  return (
    <div className="flex items-center gap-3 border-t pt-4 md:flex-col md:items-stretch">
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">{user.name}</p>
        <p className="truncate text-xs text-muted-foreground">{user.email}</p>
        <Badge className="mt-1.5">{ROLE_LABELS[user.role]}</Badge>
      </div>
      <div className="flex flex-col gap-2">
        <Button asChild variant="ghost" size="sm" className="w-full">
          <Link href="/account">
            <UserRound aria-hidden />
            My account
          </Link>
        </Button>
        <form action={signOutAction}>
          <Button type="submit" variant="outline" size="sm" className="w-full">
            <LogOut aria-hidden />
            Sign out
          </Button>
        </form>
      </div>
    </div>
  );
}
