import {
  AlarmClock,
  Avatar,
  Briefcase,
  Connection,
  ChatDotRound,
  Document,
  Files,
  Guide,
  Suitcase,
  HomeFilled,
  House,
  Key,
  Medal,
  Money,
  Notebook,
  OfficeBuilding,
  Reading,
  Stamp,
  Tickets,
  User,
  Upload,
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
    section('seeker', 'applications', 'nav.applications', Tickets, 'nav.applicationsShort'),
    section('seeker', 'benefits', 'nav.benefits', Medal, 'nav.benefitsShort'),
    section('seeker', 'profile', 'nav.profile', User, 'nav.profileShort'),
    { ...section('seeker', 'messages', 'nav.messages', ChatDotRound), badge: 'unread' },
  ],
  owner: [
    section('owner', 'workshop', 'nav.workshop', OfficeBuilding, 'nav.workshopShort'),
    section('owner', 'posts', 'nav.managePosts', Document, 'nav.managePostsShort'),
    section('owner', 'applicants', 'nav.applicants', UserFilled),
  ],
  // Daily work in the bar; the less frequent reviews under "更多".
  officer: [
    // 工作台 the officer's home: the targets board first, so /officer lands there.
    section('officer', 'home', 'nav.home', HomeFilled),
    section('officer', 'seekers', 'nav.seekers', Avatar, 'nav.seekersShort'),
    section('officer', 'placements', 'nav.placements', Files, 'nav.placementsShort'),
    section('officer', 'matching', 'nav.matching', Connection, 'nav.matchingShort'),
    section('officer', 'skills', 'nav.skills', Medal, 'nav.skillsShort'),
    section('officer', 'subsidies', 'nav.subsidies', Money, 'nav.subsidiesShort'),
    section('officer', 'posts', 'nav.officerPosts', Document, 'nav.officerPostsShort', true),
    section('officer', 'workshops', 'nav.workshops', Stamp, 'nav.workshopsShort', true),
    section('officer', 'difficulties', 'nav.difficulties', Warning, 'nav.difficultiesShort', true),
    // Following people (issue 13): the helper's due items and the monitoring cases with their clocks.
    // 我的帮扶 the helper's own households and what is due for them.
    section('officer', 'helping', 'nav.helping', House, 'nav.helpingShort', true),
    // 户清单 every household of the township (or the district), filtered and exported.
    section('officer', 'households', 'nav.households', Notebook, 'nav.householdsShort', true),
    section('officer', 'due', 'nav.due', AlarmClock, 'nav.dueShort', true),
    section('officer', 'cases', 'nav.cases', Guide, 'nav.casesShort', true),
    // 返乡回流 and 毕业生: records followed over months, opened from the list or the seeker file.
    section('officer', 'following', 'nav.following', Suitcase, 'nav.followingShort', true),
    // 导入 the township's own Excel rosters (issue 11): occasional work, under "更多".
    section('officer', 'imports', 'nav.imports', Upload, 'nav.importsShort', true),
  ],
  admin: [section('admin', 'users', 'nav.users', UserFilled), section('admin', 'policies', 'nav.policies', Reading)],
  // Reads the audit trail and the ledgers, changes nothing.
  auditor: [section('auditor', 'audit', 'nav.audit', Stamp, 'nav.auditShort'), section('auditor', 'ledgers', 'nav.ledgers', Files)],
}

/** Cells in the phone's bottom bar: a fifth of 375 px each is the narrowest that holds a label. */
export const PHONE_CELLS = 5

/**
 * Splits a role's items into the bar and the "更多 More" menu: the items marked `more` always go
 * there, and so do the bar's last ones beyond `barLimit` (what fits the screen), in their order.
 */
export function splitNav(items: NavItem[], barLimit = Number.POSITIVE_INFINITY): { bar: NavItem[]; more: NavItem[] } {
  const isMore = (i: NavItem) => 'more' in i && (i as RoleSection).more === true
  const candidates = items.filter((i) => !isMore(i))
  const limit = Math.max(0, Math.min(barLimit, candidates.length))
  return { bar: candidates.slice(0, limit), more: [...candidates.slice(limit), ...items.filter(isMore)] }
}

/** How many bar items the phone shows: all when they fit the cells with the More button, else one cell is More. */
export function phoneBarLimit(items: NavItem[]): number {
  const { bar, more } = splitNav(items)
  return bar.length + (more.length ? 1 : 0) <= PHONE_CELLS ? bar.length : PHONE_CELLS - 1
}

/**
 * How many bar items fit a header `available` px wide, from their widths as drawn: all of them
 * when they do, else as many as fit beside the More button. That button takes the name of the open
 * page it holds (by its short label), so it gets the room of its widest possible label: "More"
 * or any item under it (`moreItemWidths`, the items marked `more`, plus the bar items moved there,
 * `shortWidths`).
 */
export function headerBarLimit(widths: readonly number[], shortWidths: readonly number[], moreItemWidths: readonly number[], moreWidth: number, available: number, gap: number): number {
  const span = (n: number) => widths.slice(0, n).reduce((s, w) => s + w, 0) + gap * Math.max(0, n - 1)
  const withMore = (n: number) => span(n) + (n > 0 ? gap : 0) + Math.max(moreWidth, ...moreItemWidths, ...shortWidths.slice(n))
  const fits = (n: number) => (n === widths.length && moreItemWidths.length === 0 ? span(n) : withMore(n)) <= available
  let n = widths.length
  while (n > 0 && !fits(n)) n--
  return n
}

/** What the navigation shows: job seekers browse posts first; the other roles go straight to their work. */
export function navItemsFor(role: Role | null): NavItem[] {
  if (role === null) return [POSTS, SIGN_IN]
  if (role === 'seeker') return [POSTS, ...ROLE_SECTIONS.seeker]
  return ROLE_SECTIONS[role]
}
