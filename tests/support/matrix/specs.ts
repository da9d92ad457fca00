/**
 * One entry per route of the app (`METHOD /api/path` exactly as Hono lists it), each with one or
 * more cases: how to make a valid request about an object of lingjing, and what each caller gets.
 * The semantics are written out at the top of tests/integration/authorization-matrix.test.ts.
 */
import { DEMO_POLICY_2026 } from '../../../functions/jobs/seed-data.js'
import { call, signIn } from '../app.js'
import { idNumber } from '../world.js'
import { ID_A, inputA, inputB, PHONES, WORKSHOP_PHONE, type Actor, type World } from './world.js'

/** A status, or for a successful answer that lists or shows data: the subject is in it (`sees`) or not (`blind`). */
export type Outcome = number | 'sees' | 'blind'
export interface Req {
  path: string
  body?: unknown
  /** Another token than the caller's usual one (logout must not end the session the other rows use). */
  token?: string
  /** The object's state, read by the district officer: a refused request must leave it, an allowed one change it. */
  state?: () => Promise<unknown>
}
export interface Case {
  name?: string
  req: (a: Actor) => Req | Promise<Req>
  /** One outcome per caller, in the order of ACTORS. */
  expect: readonly Outcome[]
  sees?: (json: any) => boolean
  /** The callers' requests one after another: they write one shared object. */
  serial?: boolean
}

// Columns, in the order of ACTORS (tests/support/matrix/world.ts):
//   anonymous, seeker A (the object's), seeker B, owner A (the object's workshop), owner B,
//   lingjing officer (the object's township), suqiao officer, district officer, admin, auditor
const ALL_200 = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200] as const
/** Officers' reads of a lingjing object; the auditor is refused by role. */
const OFFICER_READ = (ok: Outcome = 200) => [401, 403, 403, 403, 403, ok, 404, ok, ok, 403] as const
/** Officers' changes to a lingjing object; the auditor, as every role but officers and the admin, 403. */
const OFFICER_ACT = (ok: number) => [401, 403, 403, 403, 403, ok, 404, ok, ok, 403] as const
/** Officers' lists of a named township (lingjing): naming another township than one's own is refused (403). */
const OFFICER_LIST = [401, 403, 403, 403, 403, 'sees', 403, 'sees', 'sees', 403] as const
/** Reads that are the auditor's too (claims, batches, notices, ledger, audit trail). */
const OVERSIGHT_READ = (ok: Outcome = 200) => [401, 403, 403, 403, 403, ok, 404, ok, ok, ok] as const
/** A seeker's file and its records: the seeker themself and officers in scope. */
const FILE_READ = [401, 200, 404, 403, 403, 200, 404, 200, 200, 403] as const
/** The owner's side: the workshop's (or its post's) owner and officers in scope. */
const OWNER_SIDE = (ok: Outcome) => [401, 403, 403, ok, 404, ok, 404, ok, ok, 403] as const
/** A seeker's own things through /me: each seeker sees only their own; no other role has any. */
const OWN_SEEKER = [401, 'sees', 'blind', 403, 403, 403, 403, 403, 403, 403] as const

export function matrixSpecs(W: () => World): Record<string, Case[]> {
  const get = (path: () => string) => () => ({ path: path() })
  const has = (id: () => string) => (j: { items: { id: string }[] }) => j.items.some((x) => x.id === id())
  const A = () => W().fileA.id
  const read = (path: string) => W().read(path)
  /** How many items a list holds, every page of it (lists are paged: one page is not the whole). */
  const countAll = async (path: string) => {
    let n = 0
    let cursor: string | null = null
    do {
      const j: { items: unknown[]; nextCursor: string | null } = await read(`${path}${path.includes('?') ? '&' : '?'}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      n += j.items.length
      cursor = j.nextCursor
    } while (cursor)
    return n
  }
  const claimState = (id: string) => async () => (await read(`/api/claims/${id}`)).status
  const appState = (postId: string, id: string) => async () => (await read(`/api/posts/${postId}/applications?limit=50`)).items.find((x: { id: string }) => x.id === id)?.status

  return {
    // Public: the same answer for everyone.
    'GET /api/health': [{ req: get(() => '/api/health'), expect: ALL_200 }],
    'POST /api/auth/otp': [{ req: () => ({ path: '/api/auth/otp', body: { phone: W().freshPhone() } }), expect: ALL_200 }],
    'POST /api/auth/login': [
      {
        req: async () => {
          const phone = W().freshPhone()
          const otp = await call(W().t, 'POST', '/api/auth/otp', { phone })
          return { path: '/api/auth/login', body: { phone, code: otp.json?.devCode } }
        },
        expect: ALL_200,
      },
    ],
    // Each caller ends a second session of their own, made now (T1, well after their first code).
    'POST /api/auth/logout': [
      { req: async (a) => ({ path: '/api/auth/logout', ...(a === 'anonymous' ? {} : { token: (await signIn(W().t, PHONES[a])).token }) }), expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
    ],
    // 用户: the admin's alone (anyone else 403, as a role that may never use the route).
    'GET /api/users': [{ req: get(() => '/api/users?role=officer&limit=50'), expect: [401, 403, 403, 403, 403, 403, 403, 403, 200, 403] }],
    'POST /api/users': [{ req: () => ({ path: '/api/users', body: { role: 'officer', name: '新专干', phone: W().freshPhone(), scope: 'wunvdian' } }), expect: [401, 403, 403, 403, 403, 403, 403, 403, 201, 403] }],
    'PATCH /api/users/:id': [{ req: async () => ({ path: `/api/users/${(await W().fresh.account()).id}`, body: { name: '改名车间负责人' } }), expect: [401, 403, 403, 403, 403, 403, 403, 403, 200, 403] }],
    'POST /api/users/:id/deactivate': [{ req: async () => ({ path: `/api/users/${(await W().fresh.account()).id}/deactivate` }), expect: [401, 403, 403, 403, 403, 403, 403, 403, 200, 403] }],
    'POST /api/users/:id/password/reset': [
      {
        req: async () => ({ path: `/api/users/${(await W().must(201, 'admin', 'POST', '/api/users', { role: 'auditor', name: '新审计员', phone: W().freshPhone() })).id}/password/reset` }),
        expect: [401, 403, 403, 403, 403, 403, 403, 403, 200, 403],
      },
    ],
    'POST /api/users/:id/activate': [
      {
        req: async () => {
          const { id } = await W().fresh.account()
          await W().must(200, 'admin', 'POST', `/api/users/${id}/deactivate`)
          return { path: `/api/users/${id}/activate` }
        },
        expect: [401, 403, 403, 403, 403, 403, 403, 403, 200, 403],
      },
    ],
    'GET /api/geo/townships': [{ req: get(() => '/api/geo/townships'), expect: ALL_200 }],
    'GET /api/geo/townships/:code/villages': [{ req: get(() => '/api/geo/townships/lingjing/villages'), expect: ALL_200 }],
    'GET /api/openapi.json': [{ req: get(() => '/api/openapi.json'), expect: ALL_200 }],
    'GET /api/docs': [{ req: get(() => '/api/docs'), expect: ALL_200 }],

    // /me: each caller's own things.
    'GET /api/me': [{ req: get(() => '/api/me'), expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] }],
    'GET /api/me/profile': [{ req: get(() => '/api/me/profile'), expect: OWN_SEEKER, sees: (j) => j.id === A() }],
    'PUT /api/me/profile': [{ req: (a) => ({ path: '/api/me/profile', body: a === 'otherSeeker' ? inputB : inputA }), expect: OWN_SEEKER, sees: (j) => j.id === A() }],
    'GET /api/me/applications': [{ req: get(() => '/api/me/applications?limit=50'), expect: OWN_SEEKER, sees: (j) => j.items.some((x: { seekerId: string }) => x.seekerId === A()) }],
    'GET /api/me/history': [{ req: get(() => '/api/me/history?limit=50'), expect: OWN_SEEKER, sees: (j) => j.items.some((e: { objectId: string }) => e.objectId === A()) }],
    // Officers and the admin read their own inbox (the daily digest): never a seeker's messages.
    'GET /api/me/inbox': [{ req: get(() => '/api/me/inbox?limit=50'), expect: [401, 'sees', 'blind', 403, 403, 'blind', 'blind', 'blind', 'blind', 403], sees: (j) => j.items.some((m: { id: string }) => W().inboxIdsA.has(m.id)) }],
    'GET /api/me/inbox/unread': [{ req: get(() => '/api/me/inbox/unread'), expect: [401, 200, 200, 403, 403, 200, 200, 200, 200, 403] }],
    'GET /api/me/preferences': [{ req: get(() => '/api/me/preferences'), expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] }],
    // Each caller sets their own choice; nobody can set another's.
    // Staff pass the door and are refused on the current password (a right one would change the
    // password later rows sign in with); seekers and owners have no password: 403.
    'POST /api/me/password': [{ req: () => ({ path: '/api/me/password', body: { password: 'a-new-password-2', current: 'not-the-password' } }), expect: [401, 403, 403, 403, 403, 400, 400, 400, 400, 400] }],
    'PUT /api/me/preferences': [{ req: () => ({ path: '/api/me/preferences', body: { sms: 'inboxAndSms' } }), expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] }],
    'POST /api/me/inbox/:id/read': [{ req: () => ({ path: `/api/me/inbox/${[...W().inboxIdsA][0]}/read` }), expect: [401, 200, 404, 403, 403, 404, 404, 404, 404, 403] }],
    'GET /api/me/workshops': [{ req: get(() => '/api/me/workshops'), expect: [401, 403, 403, 'sees', 'blind', 403, 403, 403, 403, 403], sees: has(() => W().wA.id) }],
    // Officers and the admin publish posts too: theirs (none of owner A's).
    'GET /api/me/posts': [{ req: get(() => '/api/me/posts?limit=50'), expect: [401, 403, 403, 'sees', 'blind', 'blind', 'blind', 'blind', 'blind', 403], sees: has(() => W().postA.id) }],
    'GET /api/me/recommendations': [{ req: get(() => '/api/me/recommendations'), expect: [401, 200, 200, 403, 403, 403, 403, 403, 403, 403] }],

    // Posts: an open post is public; a draft exists only for those who manage it.
    'GET /api/posts': [{ req: get(() => '/api/posts'), expect: ALL_200 }],
    'GET /api/posts/:id': [
      { name: 'open', req: get(() => `/api/posts/${W().postA.id}`), expect: ALL_200 },
      { name: 'draft', req: get(() => `/api/posts/${W().draftA.id}`), expect: [404, 404, 404, 200, 404, 200, 404, 200, 200, 404] },
    ],
    'POST /api/posts': [
      {
        name: 'on workshop A',
        req: () => ({ path: '/api/posts', body: { kind: 'workshop', workshopId: W().wA.id, title: '包装工', township: 'lingjing', headcount: 1, wage: { amountFen: 280_000, unit: 'month' } } }),
        expect: [401, 403, 403, 201, 404, 201, 404, 201, 201, 403],
      },
      {
        // 公益性岗位 public-welfare post: officers, in their own township (another one: 403, nothing to hide).
        name: 'public-welfare, lingjing',
        req: () => ({ path: '/api/posts', body: { kind: 'publicWelfare', title: '村级保洁员', township: 'lingjing', village: 'lingjing-03', headcount: 2, wage: { amountFen: DEMO_POLICY_2026.publicWelfare.monthlyFen, unit: 'month' } } }),
        expect: [401, 403, 403, 403, 403, 201, 403, 201, 201, 403],
      },
    ],
    'PATCH /api/posts/:id': [
      {
        req: async () => {
          const p = await W().fresh.post()
          return { path: `/api/posts/${p.id}`, body: { title: '发制品熟手' }, state: async () => (await read(`/api/posts/${p.id}`)).title }
        },
        expect: OWNER_SIDE(200),
      },
    ],
    // 联系电话 a post's contact in full: any signed-in seeker for a post open to all, those who manage it (audited).
    'POST /api/posts/:id/contact': [
      { name: 'open', req: () => ({ path: `/api/posts/${W().postA.id}/contact` }), expect: [401, 'sees', 'sees', 'sees', 404, 'sees', 404, 'sees', 'sees', 403], sees: (j) => j.phone === WORKSHOP_PHONE },
      { name: 'draft', req: () => ({ path: `/api/posts/${W().draftA.id}/contact` }), expect: [401, 404, 404, 200, 404, 200, 404, 200, 200, 403] },
    ],
    'POST /api/posts/:id/applications': [{ req: async () => ({ path: `/api/posts/${(await W().fresh.post()).id}/applications`, body: {} }), expect: [401, 201, 201, 403, 403, 403, 403, 403, 403, 403] }],
    'GET /api/posts/:id/applications': [{ req: get(() => `/api/posts/${W().postA.id}/applications?limit=50`), expect: OWNER_SIDE('sees'), sees: has(() => W().appA.id) }],
    'GET /api/posts/:id/candidates': [{ req: get(() => `/api/posts/${W().postA.id}/candidates`), expect: OWNER_SIDE(200) }],

    // 人岗匹配 match runs: officers in scope; a lingjing run is not the suqiao officer's.
    'POST /api/imports': [{ req: () => ({ path: '/api/imports?kind=people&dryRun=true', body: W().rosterCsv }), expect: [401, 403, 403, 403, 403, 202, 202, 202, 202, 403] }],
    // An import is its uploader's: the others' lists do not hold it, and to them it does not exist.
    'POST /api/imports/uploads': [{ req: () => ({ path: '/api/imports/uploads', body: { size: 1000 } }), expect: [401, 403, 403, 403, 403, 201, 201, 201, 201, 403] }],
    // The key is the township officer's: to anyone else (the admin too) it names nothing.
    'POST /api/imports/from-upload': [{ req: async () => ({ path: '/api/imports/from-upload', body: { key: await W().fresh.uploadedKey(), kind: 'people', dryRun: true } }), expect: [401, 403, 403, 403, 403, 202, 404, 404, 404, 403] }],
    'GET /api/imports': [{ req: get(() => '/api/imports?limit=50'), expect: [401, 403, 403, 403, 403, 'sees', 'blind', 'blind', 'blind', 403], sees: has(() => W().dryRun.id) }],
    'GET /api/imports/template.xlsx': [{ req: get(() => '/api/imports/template.xlsx?kind=people'), expect: [401, 403, 403, 403, 403, 200, 200, 200, 200, 403] }],
    'GET /api/imports/review': [{ req: get(() => '/api/imports/review?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().review.id) }],
    'POST /api/imports/review/:township/:id': [{ req: async () => ({ path: `/api/imports/review/lingjing/${(await W().fresh.heldRow()).id}`, body: { decision: 'keep' } }), expect: OFFICER_ACT(200) }],
    'GET /api/imports/:id': [{ req: get(() => `/api/imports/${W().dryRun.id}`), expect: [401, 403, 403, 403, 403, 200, 404, 404, 200, 403] }],
    'GET /api/imports/:id/errors.xlsx': [{ req: get(() => `/api/imports/${W().dryRun.id}/errors.xlsx`), expect: [401, 403, 403, 403, 403, 200, 404, 404, 200, 403] }],
    'POST /api/imports/:id/commit': [{ req: () => ({ path: `/api/imports/${W().dryRun.id}/commit` }), expect: [401, 403, 403, 403, 403, 202, 404, 404, 202, 403] }],
    // 导出 Excel of a list: officers and the admin, within their scope; an export is its maker's alone (it may hold full IDs).
    'POST /api/exports': [{ req: () => ({ path: '/api/exports', body: { list: 'seekers', filters: { township: 'lingjing' } } }), expect: [401, 403, 403, 403, 403, 202, 403, 202, 202, 403] }],
    'GET /api/exports': [{ req: get(() => '/api/exports?limit=50'), expect: [401, 403, 403, 403, 403, 'sees', 'blind', 'blind', 'blind', 403], sees: has(() => W().listExport.id) }],
    'GET /api/exports/:id': [{ req: get(() => `/api/exports/${W().listExport.id}`), expect: [401, 403, 403, 403, 403, 200, 404, 404, 404, 403] }],
    'POST /api/match-runs': [{ req: () => ({ path: '/api/match-runs', body: { township: 'lingjing', mode: 'stable' } }), expect: [401, 403, 403, 403, 403, 202, 403, 202, 202, 403] }],
    'GET /api/match-runs': [{ req: get(() => '/api/match-runs?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().run.id) }],
    'GET /api/match-runs/:id': [{ req: get(() => `/api/match-runs/${W().run.id}`), expect: OFFICER_READ() }],
    'GET /api/match-runs/:id/proposals': [{ req: get(() => `/api/match-runs/${W().run.id}/proposals?limit=50`), expect: OFFICER_READ() }],
    'PATCH /api/match-runs/:id/proposals/:seekerId': [{ req: () => ({ path: `/api/match-runs/${W().run.id}/proposals/${A()}`, body: { postId: null } }), expect: OFFICER_ACT(200), serial: true }],
    'POST /api/match-runs/:id/publish': [
      {
        req: async () => {
          const r = await W().fresh.run()
          return { path: `/api/match-runs/${r.id}/publish`, state: async () => (await read(`/api/match-runs/${r.id}`)).status === 'done' }
        },
        expect: OFFICER_ACT(202),
      },
    ],

    // 一人一档 seeker files.
    'GET /api/seekers': [
      { name: 'township=lingjing', req: get(() => '/api/seekers?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(A) },
      // Without a township each officer searches their own scope: the suqiao officer never finds A.
      { name: 'idLast4', req: get(() => `/api/seekers?idLast4=${ID_A.slice(-4)}`), expect: [401, 403, 403, 403, 403, 'sees', 'blind', 'sees', 'sees', 403], sees: has(A) },
      { name: 'q=name', req: get(() => `/api/seekers?q=${encodeURIComponent(inputA.name)}`), expect: [401, 403, 403, 403, 403, 'sees', 'blind', 'sees', 'sees', 403], sees: has(A) },
    ],
    // People search (partial name, pinyin, last four): officers in scope; the suqiao officer searches suqiao and never finds A, and naming lingjing is 403.
    'GET /api/seekers/search': [
      { name: 'partial name', req: get(() => `/api/seekers/search?q=${encodeURIComponent(inputA.name.slice(0, 2))}`), expect: [401, 403, 403, 403, 403, 'sees', 'blind', 'sees', 'sees', 403], sees: has(A) },
      { name: 'township=lingjing', req: get(() => `/api/seekers/search?township=lingjing&q=${encodeURIComponent(inputA.name)}`), expect: [401, 403, 403, 403, 403, 'sees', 403, 'sees', 'sees', 403], sees: has(A) },
    ],
    // A file on someone's behalf, in lingjing: the suqiao officer 403 (no object yet, the township is no secret).
    'POST /api/seekers': [{ req: () => ({ path: '/api/seekers', body: { ...inputA, name: '孙代办', idNumber: freshId() } }), expect: [401, 403, 403, 403, 403, 201, 403, 201, 201, 403] }],
    // 待确认的变更 household changes a seeker asked for on a verified file, and ID numbers someone tried to take.
    'GET /api/seekers/pending-changes': [{ req: get(() => '/api/seekers/pending-changes?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: (j) => j.items.some((x: { seekerId: string }) => x.seekerId === W().pending.id) }],
    'GET /api/seekers/id-collisions': [{ req: get(() => '/api/seekers/id-collisions?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: (j) => j.items.some((x: { existingSeekerId: string }) => x.existingSeekerId === A()) }],
    'GET /api/seekers/:id': [{ req: get(() => `/api/seekers/${A()}`), expect: FILE_READ }],
    // 待更正记录: an officer's own township (another township's officer is refused, not shown an empty list).
    'GET /api/record-problems': [{ req: get(() => '/api/record-problems?township=lingjing&limit=50'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],
    // 待办 an officer's to-do list: their own township's (another township named is refused).
    'GET /api/todo': [{ req: get(() => '/api/todo?township=lingjing'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],
    'POST /api/record-problems/check': [{ req: () => ({ path: '/api/record-problems/check', body: { township: 'lingjing' } }), expect: [401, 403, 403, 403, 403, 202, 403, 202, 202, 403] }],
    'PUT /api/seekers/:id': [{ req: () => ({ path: `/api/seekers/${A()}`, body: inputA }), expect: FILE_READ, serial: true }],
    // Verifying a file and deciding a household change are the officers' (the seeker's own: 403 by role).
    // Each caller works on a fresh seeker-made file; seeker A on their own (verified, with a change pending).
    'POST /api/seekers/:id/verify': [
      {
        req: async (a) => {
          const id = a === 'seeker' ? A() : (await W().fresh.ownFile()).file.id
          return { path: `/api/seekers/${id}/verify`, ...(a === 'seeker' ? {} : { state: async () => (await read(`/api/seekers/${id}`)).verifiedAt ?? null }) }
        },
        expect: OFFICER_ACT(200),
      },
    ],
    'POST /api/seekers/:id/household-change': [
      {
        req: async (a) => {
          const id = a === 'seeker' ? A() : (await W().fresh.pendingChange()).id
          return { path: `/api/seekers/${id}/household-change`, body: { decision: 'confirm' }, state: async () => (await read(`/api/seekers/${id}`)).category }
        },
        expect: OFFICER_ACT(200),
      },
    ],
    // The full ID number: officers in scope only (audited); the seeker too is refused by role.
    'POST /api/seekers/:id/reveal-id': [{ req: () => ({ path: `/api/seekers/${A()}/reveal-id` }), expect: OFFICER_ACT(200) }],
    'GET /api/seekers/:id/certificates': [{ req: get(() => `/api/seekers/${A()}/certificates`), expect: FILE_READ }],
    'GET /api/seekers/:id/trainings': [{ req: get(() => `/api/seekers/${A()}/trainings`), expect: FILE_READ }],
    'GET /api/seekers/:id/yulu': [{ req: get(() => `/api/seekers/${A()}/yulu`), expect: FILE_READ }],
    'GET /api/seekers/:id/subsidies': [{ req: get(() => `/api/seekers/${A()}/subsidies`), expect: FILE_READ }],
    // 一人一档 the timeline: officers in scope (the seeker reads their own through /api/me/history).
    'GET /api/seekers/:id/history': [{ req: get(() => `/api/seekers/${A()}/history?limit=50`), expect: OFFICER_READ('sees'), sees: (j) => j.items.some((e: { objectId: string }) => e.objectId === A()) }],

    // 证书 certificates, training, 雨露计划.
    // A certificate for seeker A: A themself and officers in scope; seeker B naming A's file is acting outside their reach.
    'POST /api/certificates': [{ req: () => ({ path: '/api/certificates', body: { seekerId: A(), ...W().fresh.certBody() } }), expect: [401, 'sees', 404, 403, 403, 'sees', 404, 'sees', 'sees', 403], sees: (j) => j.seekerId === A() }],
    'GET /api/certificates': [{ req: get(() => '/api/certificates?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().certificate.id) }],
    'POST /api/certificates/:id/verify': [
      {
        req: async () => {
          const c = await W().fresh.certificate()
          return { path: `/api/certificates/${c.id}/verify`, body: { method: 'nationalLookup' }, state: async () => (await read(`/api/seekers/${A()}/certificates?limit=50`)).items.find((x: { id: string }) => x.id === c.id)?.verifiedAt ?? null }
        },
        expect: OFFICER_ACT(200),
      },
    ],
    // 培训台账 a township's trainings (names, masked ID numbers): officers of the township, not the auditor.
    'GET /api/trainings': [{ req: get(() => '/api/trainings?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: (j) => j.items.some((x: { seekerId: string }) => x.seekerId === A()) }],
    'GET /api/trainings.xlsx': [{ req: get(() => '/api/trainings.xlsx?township=lingjing'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],
    'POST /api/trainings': [{ req: () => ({ path: '/api/trainings', body: { seekerId: A(), course: '缝纫培训', provider: '许昌职业技术学院', startDate: '2026-07-01', endDate: '2026-07-10', hours: 40, result: 'ongoing' } }), expect: OFFICER_ACT(201) }],
    'PUT /api/yulu': [{ req: () => ({ path: '/api/yulu', body: { seekerId: A(), term: '2026-autumn', school: '许昌职业技术学院', major: '电气自动化', grade: 1, status: 'enrolled' } }), expect: OFFICER_ACT(200), serial: true }],
    'GET /api/yulu': [{ req: get(() => '/api/yulu?term=2026-autumn&township=lingjing&limit=50'), expect: OFFICER_LIST, sees: (j) => j.items.some((x: { seekerId: string }) => x.seekerId === A()) }],

    // 政策 policy and targets: every officer reads the district's (suqiao's too), and the auditor; only the admin writes.
    'GET /api/policies/:year': [{ req: get(() => '/api/policies/2026'), expect: [401, 403, 403, 403, 403, 200, 200, 200, 200, 200] }],
    'PUT /api/policies/:year': [
      {
        req: async () => {
          const version = async () => (await read('/api/policies/2026')).history[0].version as number
          return { path: '/api/policies/2026', body: { ...DEMO_POLICY_2026, expectedVersion: await version() }, state: version }
        },
        expect: [401, 403, 403, 403, 403, 403, 403, 403, 201, 403],
        serial: true,
      },
    ],
    'GET /api/targets/:year': [{ req: get(() => '/api/targets/2026'), expect: [401, 403, 403, 403, 403, 200, 200, 200, 200, 200] }],
    // 工作台看板 the targets board and the names behind its figures: officers of the township named (a township officer: their own), the admin; not the auditor.
    'GET /api/dashboard': [{ req: get(() => '/api/dashboard?year=2026&township=lingjing'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],
    'GET /api/dashboard/people': [{ req: get(() => '/api/dashboard/people?year=2026&metric=placed&township=lingjing'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],
    'GET /api/dashboard/people.xlsx': [{ req: get(() => '/api/dashboard/people.xlsx?year=2026&metric=placed&township=lingjing'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],

    // 补贴 subsidies.
    'GET /api/eligibility': [{ req: get(() => '/api/eligibility?kind=transport&period=2026&township=lingjing&limit=50&all=true'), expect: OFFICER_LIST, sees: (j) => j.items.some((i: { subject: { id: string } }) => i.subject.id === A()) }],
    'GET /api/eligibility/totals': [{ req: get(() => '/api/eligibility/totals?kind=transport&period=2026&township=lingjing'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],
    'POST /api/claims': [
      // 公益岗位补助 is filed by officers (a seeker asking for it, even for themselves: 403).
      { name: 'officer kind', req: () => ({ path: '/api/claims', body: { seekerId: A(), kind: 'publicWelfare', period: W().fresh.month() } }), expect: OFFICER_ACT(201) },
      // 交通补贴 a seeker may claim for themselves, never for another.
      { name: 'self-claimable kind', req: () => ({ path: '/api/claims', body: { seekerId: A(), kind: 'transport', period: W().fresh.year() } }), expect: [401, 201, 404, 403, 403, 201, 404, 201, 201, 403] },
    ],
    'POST /api/claims/propose': [
      {
        req: () => ({ path: '/api/claims/propose', body: { kind: 'publicWelfare', period: W().fresh.month(), township: 'lingjing' }, state: () => countAll(`/api/seekers/${A()}/subsidies`) }),
        expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403],
        // Every allowed proposal adds to seeker A's claims, the state the refused ones are checked against.
        serial: true,
      },
    ],
    'GET /api/claims/:id': [{ req: get(() => `/api/claims/${W().draftClaim.id}`), expect: [401, 200, 404, 403, 403, 200, 404, 200, 200, 200] }],
    // Submitting: the maker (seeker A for their own claim, or the officer who made it).
    'POST /api/claims/:id/submit': [
      {
        req: async (a) => {
          const c = await W().fresh.draft(a)
          return { path: `/api/claims/${c.id}/submit`, state: claimState(c.id) }
        },
        expect: [401, 200, 404, 403, 403, 200, 404, 200, 200, 403],
      },
    ],
    ...Object.fromEntries(
      (['approve', 'reject'] as const).map((action) => [
        `POST /api/claims/:id/${action}`,
        [
          {
            req: async (a: Actor) => {
              const c = await W().fresh.submitted(a)
              return { path: `/api/claims/${c.id}/${action}`, ...(action === 'reject' ? { body: { reason: '材料不全，请补充' } } : {}), state: claimState(c.id) }
            },
            expect: OFFICER_ACT(200),
          },
        ],
      ]),
    ),
    'POST /api/claims/:id/reverse': [
      {
        req: () => {
          const c = W().fresh.paid()
          return { path: `/api/claims/${c.id}/reverse`, body: { reason: '重复发放核减' }, state: async () => (await read(`/api/claims/${c.id}`)).reversedBy ?? null }
        },
        expect: OFFICER_ACT(201),
      },
    ],
    'POST /api/payment-batches': [
      {
        req: async () => {
          const c = await W().fresh.approved()
          return { path: '/api/payment-batches', body: { claimIds: [c.id] }, state: claimState(c.id) }
        },
        expect: OFFICER_ACT(201),
      },
    ],
    // 公示 batches by the end of their notice (the to-do list's targets): officers of the township named.
    'GET /api/payment-batches': [{ req: get(() => '/api/payment-batches?state=ending&township=lingjing&limit=50'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 403] }],
    'GET /api/payment-batches/:id': [{ req: get(() => `/api/payment-batches/${W().noticeBatch.id}`), expect: OVERSIGHT_READ() }],
    'POST /api/payment-batches/:id/pay': [
      {
        req: () => {
          const b = W().fresh.payable()
          return { path: `/api/payment-batches/${b.id}/pay`, state: async () => (await read(`/api/payment-batches/${b.id}`)).status }
        },
        expect: OFFICER_ACT(200),
      },
    ],
    // 公示 the notice list of a batch (names, masked ID numbers).
    'GET /api/notices/:file': [{ req: get(() => `/api/notices/${W().noticeBatch.id}.xlsx`), expect: OVERSIGHT_READ() }],
    // 台账 the ledger: a township officer names only their own township.
    'GET /api/ledger': [{ req: get(() => '/api/ledger?year=2026&township=lingjing&limit=50'), expect: [401, 403, 403, 403, 403, 'sees', 403, 'sees', 'sees', 'sees'], sees: (j) => j.items.some((r: { subjectId: string }) => r.subjectId === A()) }],
    'GET /api/ledger/totals': [{ req: get(() => '/api/ledger/totals?year=2026&township=lingjing'), expect: [401, 403, 403, 403, 403, 'sees', 403, 'sees', 'sees', 'sees'], sees: (j) => j.count > 0 && Number.isInteger(j.totalFen) }],
    'GET /api/ledger.xlsx': [{ req: get(() => '/api/ledger.xlsx?year=2026&township=lingjing'), expect: [401, 403, 403, 403, 403, 200, 403, 200, 200, 200] }],
    // A file's short-lived link (here the district officer's ledger export): the signature is the
    // permission, so anyone holding the link gets the file, no one a changed link.
    'GET /api/files/:key{.+}': [
      { name: 'as signed', req: async () => ({ path: (await read('/api/ledger.xlsx?year=2026&township=lingjing')).url }), expect: ALL_200 },
      {
        name: 'signature changed',
        req: async () => ({ path: ((await read('/api/ledger.xlsx?year=2026&township=lingjing')).url as string).replace(/signature=./, (m) => `signature=${m.endsWith('A') ? 'B' : 'A'}`) }),
        expect: [403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
      },
    ],
    // The local store's upload form: its signature is the permission, whoever posts it (as on S3).
    'POST /api/files/uploads': [
      {
        name: 'as signed',
        req: async () => {
          const form = (await W().must(201, 'officer', 'POST', '/api/imports/uploads', { size: 3 })) as { fields: Record<string, string> }
          const body = new FormData()
          for (const [k, v] of Object.entries(form.fields)) body.set(k, v)
          body.set('file', new Blob(['a,b']), 'x.csv')
          return { path: '/api/files/uploads', body }
        },
        expect: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
      },
    ],
    // 审计日志 the trail of each kind of object; the district's policy is every officer's to read.
    'GET /api/audit': [
      ...(
        [
          ['seeker', () => A()],
          ['claim', () => W().draftClaim.id],
          ['workshop', () => W().wA.id],
          ['placement', () => W().placement.id],
          ['certificate', () => W().certificate.id],
          ['batch', () => W().noticeBatch.id],
          ['matchRun', () => W().run.id],
          ['returnee', () => A()],
          ['graduate', () => A()],
        ] as const
      ).map(([entity, id]): Case => ({ name: entity, req: get(() => `/api/audit?entity=${entity}&id=${id()}`), expect: OVERSIGHT_READ() })),
      { name: 'policy', req: get(() => '/api/audit?entity=policy&id=jianan-2026'), expect: [401, 403, 403, 403, 403, 200, 200, 200, 200, 200] },
    ],

    // 返乡回流 returnees and 毕业生 graduates: officers in scope keep the records (a fresh lingjing person each);
    // seeker A reads their own; the records of a person are a file's records (FILE_READ).
    ...Object.fromEntries(
      (['returnees', 'graduates'] as const).flatMap((r) => {
        const bodyOf = (id: string) => (r === 'returnees' ? W().fresh.returneeBody(id) : W().fresh.graduateBody(id))
        const version = async () => (await read(`/api/${r}/${A()}`)).version as number
        let n = 0
        return [
          [`POST /api/${r}`, [{ req: async () => ({ path: `/api/${r}`, body: bodyOf((await W().fresh.ownFile()).file.id) }), expect: OFFICER_ACT(201) }]],
          [`GET /api/${r}`, [{ req: get(() => `/api/${r}?township=lingjing&limit=50`), expect: OFFICER_LIST, sees: (j: { items: { seekerId: string }[] }) => j.items.some((x) => x.seekerId === A()) }]],
          [`GET /api/${r}/:id`, [{ req: get(() => `/api/${r}/${A()}`), expect: FILE_READ }]],
          [`PATCH /api/${r}/:id`, [{ req: () => ({ path: `/api/${r}/${A()}`, body: { responsible: `责任人${n++}` }, state: version }), expect: OFFICER_ACT(200), serial: true }]],
          [`POST /api/${r}/:id/services`, [{ req: () => ({ path: `/api/${r}/${A()}/services`, body: { kind: r === 'returnees' ? 'visit' : 'guidance', on: '2026-11-05', note: '上门走访', outcome: 'done' }, state: version }), expect: OFFICER_ACT(201), serial: true }]],
          [`GET /api/${r}/:id/services`, [{ req: get(() => `/api/${r}/${A()}/services`), expect: FILE_READ }]],
        ] as [string, Case[]][]
      }),
    ),

    // 帮扶车间 workshops and their difficulties.
    'POST /api/workshops': [{ req: () => ({ path: '/api/workshops', body: { name: '灵井竹编帮扶车间', type: 'homeBased', township: 'lingjing', village: 'lingjing-06', address: '灵井镇 6 号' } }), expect: [401, 403, 403, 201, 201, 403, 403, 403, 403, 403] }],
    'GET /api/workshops': [{ req: get(() => '/api/workshops?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().wA.id) }],
    'GET /api/workshops/:id': [{ req: get(() => `/api/workshops/${W().wA.id}`), expect: OWNER_SIDE(200) }],
    // Recognition is the officers'; the owner may not recognize their own workshop (403 by role).
    'POST /api/workshops/:id/recognize': [
      {
        req: async () => {
          const x = await W().fresh.workshop()
          return { path: `/api/workshops/${x.id}/recognize`, body: { decision: 'recognized' }, state: async () => (await read(`/api/workshops/${x.id}`)).status }
        },
        expect: OFFICER_ACT(200),
      },
    ],
    'POST /api/workshops/:id/difficulties': [{ req: () => ({ path: `/api/workshops/${W().wA.id}/difficulties`, body: { kind: 'logistics', description: '物流成本上涨，需要协调运输' } }), expect: [401, 403, 403, 201, 404, 403, 403, 403, 403, 403] }],
    'PUT /api/workshops/:id/contact': [
      {
        req: async () => {
          const x = await W().fresh.workshop()
          return { path: `/api/workshops/${x.id}/contact`, body: { phone: '13510000002' }, state: async () => (await read(`/api/workshops/${x.id}`)).contact?.phoneMasked ?? null }
        },
        expect: OWNER_SIDE(200),
      },
    ],
    'GET /api/workshops/:id/difficulties': [{ req: get(() => `/api/workshops/${W().wA.id}/difficulties`), expect: OWNER_SIDE('sees'), sees: has(() => W().difficulty.id) }],
    'GET /api/difficulties': [{ req: get(() => '/api/difficulties?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().difficulty.id) }],
    'POST /api/difficulties/:id/close': [
      {
        req: async () => {
          const d = await W().fresh.difficulty()
          return { path: `/api/difficulties/${d.id}/close`, body: { response: '已对接区商务局' }, state: async () => (await read(`/api/workshops/${W().wA.id}/difficulties`)).items.find((x: { id: string }) => x.id === d.id)?.status }
        },
        expect: OFFICER_ACT(200),
      },
    ],

    // Applications: the post's side decides; the applicant withdraws.
    ...Object.fromEntries(
      (['shortlist', 'reject', 'hire'] as const).map((action) => [
        `POST /api/applications/:id/${action}`,
        [
          {
            req: async () => {
              // A hire is of another person than seeker A, who holds a full-time placement already.
              const x = await (action === 'hire' ? W().fresh.hireable() : W().fresh.application())
              const body = action === 'reject' ? { reason: '暂不需要夜班' } : action === 'hire' ? { startDate: '2026-12-01' } : undefined
              return { path: `/api/applications/${x.id}/${action}`, body, state: appState(x.postId, x.id) }
            },
            expect: OWNER_SIDE(200),
          },
        ],
      ]),
    ),
    // The hired worker's full phone: the employer (the workshop's owner) and officers in scope, after the hire only (audited).
    'POST /api/applications/:id/phone': [
      { name: 'hired', req: () => ({ path: `/api/applications/${W().placement.applicationId}/phone` }), expect: OWNER_SIDE(200) },
      { name: 'applied, not hired', req: () => ({ path: `/api/applications/${W().appA.id}/phone` }), expect: [401, 403, 403, 403, 404, 403, 404, 403, 403, 403] },
    ],
    'POST /api/applications/:id/withdraw': [
      {
        req: async () => {
          const x = await W().fresh.application()
          return { path: `/api/applications/${x.id}/withdraw`, state: appState(x.postId, x.id) }
        },
        expect: [401, 200, 404, 403, 403, 403, 403, 403, 403, 403],
      },
    ],

    // 安置 placements.
    'GET /api/placements': [
      { name: 'postId', req: get(() => `/api/placements?postId=${W().postH.id}`), expect: OWNER_SIDE('sees'), sees: has(() => W().placement.id) },
      // By township: officers only (an owner's role never lists a township: 403).
      { name: 'township=lingjing', req: get(() => '/api/placements?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().placement.id) },
    ],
    'POST /api/placements': [
      // A person of lingjing without work (seeker A holds a full-time placement already): one each call.
      { req: async () => ({ path: '/api/placements', body: { seekerId: (await W().fresh.ownFile()).file.id, title: '电子厂普工', kind: 'enterprise', employer: '许昌某电子有限公司', township: 'lingjing', destination: 'inCounty', startDate: '2026-12-05' } }), expect: OFFICER_ACT(201) },
    ],
    // 回访 checks after placement, households, monitoring cases, the due list (issue 13): officers in scope.
    'POST /api/placements/:id/checks': [
      { req: async () => ({ path: `/api/placements/${(await W().fresh.placement()).id}/checks`, body: { month: 1, outcome: 'working', on: '2026-11-10' } }), expect: OFFICER_ACT(201) },
    ],
    'GET /api/households': [{ name: 'township=lingjing', req: get(() => '/api/households?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().householdA.id) }],
    // Creating a household in another township is refused by role of scope (403), as every creation there.
    'POST /api/households': [{ req: () => ({ path: '/api/households', body: { id: `MXN-${freshHousehold++}`, township: 'lingjing', village: 'lingjing-03', headName: '吴家户' } }), expect: [401, 403, 403, 403, 403, 201, 403, 201, 201, 403] }],
    'GET /api/households/:id': [{ req: get(() => `/api/households/${W().householdA.id}`), expect: OFFICER_READ() }],
    // 一户一档 the household page's read: the same officers as the household itself.
    'GET /api/households/:id/file': [{ req: get(() => `/api/households/${W().householdA.id}/file`), expect: OFFICER_READ() }],
    'PUT /api/households/:id/helper': [
      {
        req: async () => {
          const h = await W().fresh.household()
          return { path: `/api/households/${h.id}/helper`, body: { kind: 'official', name: '村干部', phone: '13912340000' }, state: async () => (await read(`/api/households/${h.id}`)).helper?.id ?? null }
        },
        expect: OFFICER_ACT(200),
      },
    ],
    'GET /api/cases': [{ name: 'township=lingjing', req: get(() => '/api/cases?township=lingjing&limit=50'), expect: OFFICER_LIST, sees: has(() => W().caseA.id) }],
    'POST /api/cases': [{ req: async () => ({ path: '/api/cases', body: { householdId: (await W().fresh.household()).id, source: 'application', riskType: 'disaster', signalOn: '2026-11-09' } }), expect: OFFICER_ACT(201) }],
    'GET /api/cases/:id': [{ req: get(() => `/api/cases/${W().caseA.id}`), expect: OFFICER_READ() }],
    'POST /api/cases/:id/steps': [
      { req: async () => { const c = await W().fresh.monitoringCase('open'); return { path: `/api/cases/${c.id}/steps`, body: { step: 'visit', on: '2026-01-06' }, state: async () => (await read(`/api/cases/${c.id}`)).steps.length } }, expect: OFFICER_ACT(200) },
    ],
    'PUT /api/cases/:id/plan': [
      { req: async () => { const c = await W().fresh.monitoringCase('approved'); return { path: `/api/cases/${c.id}/plan`, body: { on: '2026-01-20', measures: [{ kind: 'training', description: '电工培训' }] }, state: async () => (await read(`/api/cases/${c.id}`)).status } }, expect: OFFICER_ACT(200) },
    ],
    'POST /api/cases/:id/measures': [
      { req: async () => { const c = await W().fresh.monitoringCase('planned'); return { path: `/api/cases/${c.id}/measures`, body: { index: 0, on: '2026-02-01' }, state: async () => (await read(`/api/cases/${c.id}`)).measures[0].status } }, expect: OFFICER_ACT(200) },
    ],
    'POST /api/cases/:id/close': [
      { req: async () => { const c = await W().fresh.monitoringCase('measured'); return { path: `/api/cases/${c.id}/close`, body: { on: '2026-11-10' }, state: async () => (await read(`/api/cases/${c.id}`)).status } }, expect: OFFICER_ACT(200) },
    ],
    // Case A was signalled on 2026-01-05: its visit and approval are overdue on the matrix's day.
    'GET /api/due': [
      { name: 'township=lingjing', req: get(() => '/api/due?township=lingjing&state=overdue&limit=50'), expect: OFFICER_LIST, sees: (j: { items: { subjectId: string }[] }) => j.items.some((x) => x.subjectId === W().caseA.id) },
    ],
    'GET /api/due/summary': [
      { name: 'township=lingjing', req: get(() => '/api/due/summary?township=lingjing'), expect: OFFICER_LIST, sees: (j: { townships: { township: string; overdue: number }[] }) => j.townships.some((t) => t.township === 'lingjing' && t.overdue > 0) },
    ],
    'POST /api/placements/:id/end': [
      {
        req: async () => {
          const p = await W().fresh.placement()
          return { path: `/api/placements/${p.id}/end`, body: { endDate: '2026-11-02', reason: '回乡照顾老人' }, state: async () => (await read(`/api/placements?postId=${p.postId}`)).items.find((x: { id: string }) => x.id === p.id)?.status }
        },
        expect: OWNER_SIDE(200),
      },
    ],
  }
}

let idSeq = 700
let freshHousehold = 0
/** ID numbers for the files officers create in the matrix (each must be new). */
const freshId = () => idNumber('1970-03-03', idSeq++)
