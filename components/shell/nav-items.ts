import { Contact, History, LayoutDashboard, MessagesSquare, Settings, TrendingUp, Users, type LucideIcon } from 'lucide-react';
import type { Permission } from '@/lib/roles';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Overview', icon: LayoutDashboard, permission: 'view' },
  { href: '/cards', label: 'Contact cards', icon: Contact, permission: 'view' },
  { href: '/chats', label: 'Chats', icon: MessagesSquare, permission: 'view' },
  { href: '/history', label: 'History', icon: History, permission: 'view' },
  { href: '/impact', label: 'Impact', icon: TrendingUp, permission: 'view' },
  { href: '/staff', label: 'Staff', icon: Users, permission: 'manageStaff' },
  { href: '/settings', label: 'Settings', icon: Settings, permission: 'manageSettings' },
];
