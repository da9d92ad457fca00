import {
  Avatar,
  Briefcase,
  Connection,
  ChatDotRound,
  Document,
  Files,
  HomeFilled,
  Key,
  Medal,
  Money,
  OfficeBuilding,
  Reading,
  Stamp,
  Tickets,
  User,
  UserFilled,
  Warning,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'
import type { Role } from './api/client'
import type zhCN from './i18n/zh-CN'

export type NavLabelKey = `nav.${keyof (typeof zhCN)['nav']}`

export interface NavItem {
  /** Route name, also the `nav-<name>` test id. */
  name: string
  labelKey: NavLabelKey
  /** A shorter label for the phone's bottom bar, when the full one does not fit a fifth of 375 px. */
  shortLabelKey?: NavLabelKey
  icon: Component
  /** A count shown on the item: `unread`, the inbox's unread messages. */
  badge?: 'unread'
}

/** A page of a role's area; the router gives it its page, or the coming-soon page while it has none. */
export interface RoleSection extends NavItem {
  path: string
  /** Listed under "更多 More" instead of in the bar: five items fit a 375-px phone's bottom bar. */
  more?: boolean
}

const section = (role: Role, slug: string, labelKey: NavLabelKey, icon: Component, shortLabelKey?: NavLabelKey, more = false): RoleSection => ({
  name: `${role}-${slug}`,
  path: `/${role}/${slug}`,
  labelKey,
  icon,
  ...(shortLabelKey ? { shortLabelKey } : {}),
  ...(more ? { more } : {}),
})

const POSTS: NavItem = { name: 'posts', labelKey: 'nav.posts', icon: Briefcase }
const SIGN_IN: NavItem = { name: 'sign-in', labelKey: 'nav.signIn', icon: Key }

/** Each role's own pages, in the order the navigation shows them. */
export const ROLE_SECTIONS: Record<Role, RoleSection[]> = {
  seeker: [
    section('seeker', 'applications', 'nav.applications', Tickets),
    section('seeker', 'benefits', 'nav.benefits', Medal),
    section('seeker', 'profile', 'nav.profile', User),
    { ...section('seeker', 'messages', 'nav.messages', ChatDotRound), badge: 'unread' },
  ],
  owner: [
    section('owner', 'workshop', 'nav.workshop', OfficeBuilding),
    section('owner', 'posts', 'nav.managePosts', Document),
    section('owner', 'applicants', 'nav.applicants', UserFilled),
  ],
  // Daily work in the bar; the less frequent reviews under "更多".
  officer: [
    section('officer', 'home', 'nav.home', HomeFilled),
    section('officer', 'seekers', 'nav.seekers', Avatar),
    section('officer', 'placements', 'nav.placements', Files),
    section('officer', 'matching', 'nav.matching', Connection, 'nav.matchingShort'),
    section('officer', 'skills', 'nav.skills', Medal),
    section('officer', 'subsidies', 'nav.subsidies', Money),
    section('officer', 'posts', 'nav.officerPosts', Document, 'nav.officerPostsShort', true),
    section('officer', 'workshops', 'nav.workshops', Stamp, undefined, true),
    section('officer', 'difficulties', 'nav.difficulties', Warning, undefined, true),
  ],
  admin: [section('admin', 'users', 'nav.users', UserFilled), section('admin', 'policies', 'nav.policies', Reading)],
  // Reads the audit trail and the ledgers, changes nothing.
  auditor: [section('auditor', 'audit', 'nav.audit', Stamp), section('auditor', 'ledgers', 'nav.ledgers', Files)],
}

/** Splits a role's items into the bar and the "更多 More" menu. */
export function splitNav(items: NavItem[]): { bar: NavItem[]; more: NavItem[] } {
  const isMore = (i: NavItem) => 'more' in i && (i as RoleSection).more === true
  return { bar: items.filter((i) => !isMore(i)), more: items.filter(isMore) }
}

/** What the navigation shows: job seekers browse posts first; the other roles go straight to their work. */
export function navItemsFor(role: Role | null): NavItem[] {
  if (role === null) return [POSTS, SIGN_IN]
  if (role === 'seeker') return [POSTS, ...ROLE_SECTIONS.seeker]
  return ROLE_SECTIONS[role]
}
