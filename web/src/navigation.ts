import {
  Avatar,
  Briefcase,
  ChatDotRound,
  Document,
  Files,
  Key,
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
}

/** A page of a role's area; the router gives it its page, or the coming-soon page while it has none. */
export interface RoleSection extends NavItem {
  path: string
}

const section = (role: Role, slug: string, labelKey: NavLabelKey, icon: Component, shortLabelKey?: NavLabelKey): RoleSection => ({
  name: `${role}-${slug}`,
  path: `/${role}/${slug}`,
  labelKey,
  icon,
  ...(shortLabelKey ? { shortLabelKey } : {}),
})

const POSTS: NavItem = { name: 'posts', labelKey: 'nav.posts', icon: Briefcase }
const SIGN_IN: NavItem = { name: 'sign-in', labelKey: 'nav.signIn', icon: Key }

/** Each role's own pages, in the order the navigation shows them. */
export const ROLE_SECTIONS: Record<Role, RoleSection[]> = {
  seeker: [
    section('seeker', 'applications', 'nav.applications', Tickets),
    section('seeker', 'profile', 'nav.profile', User),
    section('seeker', 'messages', 'nav.messages', ChatDotRound),
  ],
  owner: [
    section('owner', 'workshop', 'nav.workshop', OfficeBuilding),
    section('owner', 'posts', 'nav.managePosts', Document),
    section('owner', 'applicants', 'nav.applicants', UserFilled),
  ],
  officer: [
    section('officer', 'seekers', 'nav.seekers', Avatar),
    section('officer', 'workshops', 'nav.workshops', Stamp),
    section('officer', 'placements', 'nav.placements', Files),
    section('officer', 'difficulties', 'nav.difficulties', Warning),
    section('officer', 'posts', 'nav.officerPosts', Document, 'nav.officerPostsShort'),
    section('officer', 'subsidies', 'nav.subsidies', Money),
  ],
  admin: [section('admin', 'users', 'nav.users', UserFilled), section('admin', 'policies', 'nav.policies', Reading)],
  // Reads the audit trail and the ledgers, changes nothing; its pages are not built yet.
  auditor: [section('auditor', 'audit', 'nav.audit', Stamp), section('auditor', 'ledgers', 'nav.ledgers', Files)],
}

/** What the navigation shows: job seekers browse posts first; the other roles go straight to their work. */
export function navItemsFor(role: Role | null): NavItem[] {
  if (role === null) return [POSTS, SIGN_IN]
  if (role === 'seeker') return [POSTS, ...ROLE_SECTIONS.seeker]
  return ROLE_SECTIONS[role]
}
