import { hc, type ClientResponse, type InferRequestType, type InferResponseType } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
// Types only: the server's code never enters the browser bundle.
import type { AppType } from '../../../functions/api/app'
import { ApiError, networkError, toApiError } from './api-error'

export { ApiError } from './api-error'
export type { ApiIssue } from './api-error'

/** What the client needs from the rest of the portal, wired in main.ts (keeps this file free of store/router imports). */
export interface ClientHooks {
  token(): string | null
  /** A call that carried a token was answered 401: the session is gone. */
  onUnauthorized(): void
}

let hooks: ClientHooks = { token: () => null, onUnauthorized: () => undefined }

export function configureClient(h: ClientHooks): void {
  hooks = h
}

const LOGOUT_PATH = '/api/auth/logout'

const sessionAwareFetch: typeof fetch = async (input, init) => {
  let res: Response
  try {
    res = await fetch(input, init)
  } catch {
    throw networkError()
  }
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  // Signing out with a dead session is still signing out; only other calls end the session here.
  if (res.status === 401 && new Headers(init?.headers).has('authorization') && !url.includes(LOGOUT_PATH)) {
    hooks.onUnauthorized()
  }
  return res
}

/** The typed API client: paths, inputs and outputs all come from the server's route types. */
export const client = hc<AppType>('/', {
  fetch: sessionAwareFetch,
  headers: (): Record<string, string> => {
    const token = hooks.token()
    return token ? { Authorization: `Bearer ${token}` } : {}
  },
})

export const api = client.api

type SuccessBody<R> = R extends ClientResponse<infer T, infer S, infer F> ? (S extends SuccessStatusCode ? (F extends 'json' ? T : never) : never) : never

/** Awaits a call and returns its JSON body; any non-2xx answer becomes a thrown ApiError. */
export async function unwrap<R extends ClientResponse<unknown, number, 'json' | 'text'>>(call: R | Promise<R>): Promise<SuccessBody<R>> {
  const res = await call
  if (!res.ok) throw await toApiError(res as unknown as Response)
  return (await res.json()) as SuccessBody<R>
}

// Shapes the portal works with, read off the server's answers.
export type PostPage = InferResponseType<typeof api.posts.$get, 200>
/** A post as lists carry it (no contact). */
export type Post = PostPage['items'][number]
/** A post's own page: with its contact (name, masked phone), or `null`. */
export type PostDetail = InferResponseType<(typeof api.posts)[':id']['$get'], 200>
export type PostContact = NonNullable<PostDetail['contact']>
/** A full phone, from an audited reveal: a post's contact, a hired worker's. */
export type RevealedContact = InferResponseType<(typeof api.posts)[':id']['contact']['$post'], 200>
export type WorkerPhone = InferResponseType<(typeof api.applications)[':id']['phone']['$post'], 200>
export type User = InferResponseType<typeof api.me.$get, 200>
export type Role = User['role']
export type Township = InferResponseType<typeof api.geo.townships.$get, 200>['items'][number]
export type Village = InferResponseType<(typeof api.geo.townships)[':code']['villages']['$get'], 200>['items'][number]
export type OtpAnswer = InferResponseType<typeof api.auth.otp.$post, 200>

// The marketplace: seeker files, workshops, applications, placements, the inbox.
export type Seeker = InferResponseType<typeof api.me.profile.$get, 200>
export type SeekerInput = InferRequestType<typeof api.me.profile.$put>['json']
/** A person found by people search, with how they matched (rank and by what). */
export type SeekerHit = InferResponseType<typeof api.seekers.search.$get, 200>['items'][number]
/** A save's answer: the file with its confirmed facts, and whether a household change now waits for an officer. */
export type SavedSeeker = InferResponseType<typeof api.me.profile.$put, 200>
/** A seeker's change of household facts on a verified file, waiting for an officer (待确认变更). */
export type PendingHouseholdChange = InferResponseType<(typeof api.seekers)['pending-changes']['$get'], 200>['items'][number]
export type HouseholdFacts = PendingHouseholdChange['current']
export type HouseholdDecision = InferRequestType<(typeof api.seekers)[':id']['household-change']['$post']>['json']['decision']
/** An attempt to file an ID number another file already holds (身份证号冲突). */
export type IdCollision = InferResponseType<(typeof api.seekers)['id-collisions']['$get'], 200>['items'][number]
export type RecordProblemPage = InferResponseType<(typeof api)['record-problems']['$get'], 200>
export type RecordProblem = RecordProblemPage['items'][number]
export type NewPostInput = InferRequestType<typeof api.posts.$post>['json']
export type PostPatch = InferRequestType<(typeof api.posts)[':id']['$patch']>['json']
export type Workshop = InferResponseType<typeof api.me.workshops.$get, 200>['items'][number]
/** A workshop's own page: with its contact phone masked, or `null`. */
export type WorkshopDetail = InferResponseType<(typeof api.workshops)[':id']['$get'], 200>
export type WorkshopContactInput = InferRequestType<(typeof api.workshops)[':id']['contact']['$put']>['json']
export type PostContactInput = NonNullable<NewPostInput['contact']>
export type WorkshopInput = InferRequestType<typeof api.workshops.$post>['json']
export type Difficulty = InferResponseType<typeof api.difficulties.$get, 200>['items'][number]
export type Application = InferResponseType<typeof api.me.applications.$get, 200>['items'][number]
export type Applicant = Application['applicant']
export type Placement = InferResponseType<typeof api.placements.$get, 200>['items'][number]
export type ExternalPlacementInput = InferRequestType<typeof api.placements.$post>['json']
// Following people (issue 13): monitoring cases with their clocks, the due list.
export type MonitoringCase = InferResponseType<typeof api.cases.$get, 200>['items'][number]
export type CaseDetail = InferResponseType<(typeof api.cases)[':id']['$get'], 200>
export type NewCaseInput = InferRequestType<typeof api.cases.$post>['json']
export type DueItem = InferResponseType<typeof api.due.$get, 200>['items'][number]
/** The officer's home: due and overdue counts per township in scope and per kind (GET /api/due/summary). */
export type DueSummary = InferResponseType<typeof api.due.summary.$get, 200>
export type CheckInput = InferRequestType<(typeof api.placements)[':id']['checks']['$post']>['json']
export type InboxMessage = InferResponseType<typeof api.me.inbox.$get, 200>['items'][number]

// 用户: the staff and owner accounts an admin manages.
export type AccountPage = InferResponseType<typeof api.users.$get, 200>
export type Account = AccountPage['items'][number]
export type AccountInput = InferRequestType<typeof api.users.$post>['json']
export type AccountRole = AccountInput['role']
/** 一人一档 one entry of a person's timeline (functions/core/history.ts). */
export type HistoryEntry = InferResponseType<(typeof api.seekers)[':id']['history']['$get'], 200>['items'][number]

// 返乡回流 returnees and 毕业生 graduates (issue 13 parts 3–4): one record per person, its plan and service log.
export type Returnee = InferResponseType<typeof api.returnees.$get, 200>['items'][number]
/** A returnee's own page: the record with its plan (`due`), and a job seeker's applications and placements. */
export type ReturneeDetail = InferResponseType<(typeof api.returnees)[':id']['$get'], 200>
export type ReturneeInput = InferRequestType<typeof api.returnees.$post>['json']
export type ReturneeServiceInput = InferRequestType<(typeof api.returnees)[':id']['services']['$post']>['json']
export type Graduate = InferResponseType<typeof api.graduates.$get, 200>['items'][number]
export type GraduateDetail = InferResponseType<(typeof api.graduates)[':id']['$get'], 200>
export type GraduateInput = InferRequestType<typeof api.graduates.$post>['json']
export type GraduateServiceInput = InferRequestType<(typeof api.graduates)[':id']['services']['$post']>['json']
export type ServiceEntry = InferResponseType<(typeof api.returnees)[':id']['services']['$get'], 200>['items'][number]
/** One item of a returnee's or graduate's plan (not the due list's DueItem). */
export type PlanItem = ReturneeDetail['due'][number]

// 一户一档 the household page (issue 13).
/** A household as registered (what registering it or changing its helper answers). */
export type Household = InferResponseType<typeof api.households.$post, 201>
/** A household as the list shows it: with its 户类型 and member count. */
export type HouseholdListItem = InferResponseType<typeof api.households.$get, 200>['items'][number]
export type HouseholdFile = InferResponseType<(typeof api.households)[':id']['file']['$get'], 200>
export type HouseholdFileMember = HouseholdFile['members'][number]
export type HelperInput = InferRequestType<(typeof api.households)[':id']['helper']['$put']>['json']
