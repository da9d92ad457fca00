/**
 * The authorization matrix: every route the app lists (`createApp(deps).routes`) × ten callers,
 * each with the status it must get. A route without rows fails here by name, so a new route cannot
 * ship without deciding who may use it. Rows live in tests/support/matrix/specs.ts, the world (one
 * object of each kind in 灵井镇 lingjing, built through the API) in tests/support/matrix/world.ts.
 *
 * Callers, relative to the object: anonymous; seeker A (the object's own) and seeker B (苏桥镇);
 * owner A (the object's workshop) and owner B (a workshop in 苏桥镇); the lingjing officer, the
 * suqiao officer, the district officer, the admin, the auditor.
 *
 * The rules (where the code disagrees, the row fails: a failing row is a hole, never relaxed):
 * - anonymous on a protected route → 401;
 * - a role that may never use the route → 403 (seekers on workshops, owners on seeker files, the
 *   auditor on anything but its reads, …);
 * - a role that may use the route, on an object outside the caller's reach → 404, reading or acting
 *   alike (an open post is public to read; managing another's is still 404);
 * - a request naming a township outside one's scope, or creating something there → 403 (townships are
 *   public: there is nothing to hide, only something not allowed);
 * - allowed → the route's success status; for answers that list or show someone's data, `sees`
 *   (the success status and the subject is in it) or `blind` (it is not);
 * - seekers: their own file, its records and claims, their applications and inbox; owners: their own
 *   workshops, posts and applicants; officers: their township (district officers the district);
 *   the admin: like a district officer, plus policies; the auditor: reads of ledgers, the audit
 *   trail, claims, batches and their notices, policies and targets, and no write at all.
 * A row that changes state works on a fresh object per caller where it would consume one, and when
 * the spec reads the object's state, a refused request must leave it and an allowed one change it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { call, testApp } from '../support/app.js'
import { matrixSpecs, type Case, type Outcome } from '../support/matrix/specs.js'
import { ACTORS, buildWorld, clock, ID_A, ID_B, inputA, inputB, PHONES, type Actor, type World } from '../support/matrix/world.js'

const METHODS_OF_MIDDLEWARE = new Set(['ALL'])

describe('authorization matrix', async () => {
  const clk = clock()
  const t = await testApp({ now: clk.now })
  // The app's own route list: method + path, without middleware (ALL, /*) and without repeats.
  const routes = [...new Set(t.app.routes.filter((r) => !METHODS_OF_MIDDLEWARE.has(r.method) && !r.path.endsWith('/*')).map((r) => `${r.method} ${r.path}`))]
  let w: World
  const specs = matrixSpecs(() => w)
  const rows = routes.reduce((n, r) => n + (specs[r]?.length ?? 0) * ACTORS.length, 0)
  /** Every answer of the matrix, to search for what must never leak. */
  const answers: { route: string; actor: Actor; status: number; text: string; json: unknown }[] = []

  beforeAll(async () => {
    w = await buildWorld(t, clk)
  }, 120_000)

  it('every route of the app has rows, and every spec a route', () => {
    console.log(`authorization matrix: ${routes.length} routes, ${rows} rows (route × actor)`)
    expect(routes.filter((r) => !specs[r]), 'routes without rows').toEqual([])
    expect(Object.keys(specs).filter((k) => !routes.includes(k)), 'rows for routes the app does not have').toEqual([])
  })

  async function outcome(route: string, c: Case, a: Actor): Promise<Outcome | string> {
    let req
    try {
      req = await c.req(a)
    } catch (e) {
      return `fixture failed: ${(e as Error).message}`
    }
    const before = await req.state?.()
    const res = await call(t, route.split(' ')[0]!, req.path, req.body, 'token' in req ? req.token : w.tokens[a])
    answers.push({ route, actor: a, status: res.status, text: res.text, json: res.json })
    const ok = res.status >= 200 && res.status < 300
    if (req.state) {
      const after = await req.state()
      if (ok && JSON.stringify(after) === JSON.stringify(before)) return `${res.status}, but nothing changed`
      if (!ok && JSON.stringify(after) !== JSON.stringify(before)) return `${res.status}, but it changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`
    }
    if (ok && c.sees) return c.sees(res.json) ? 'sees' : 'blind'
    return res.status
  }

  for (const route of routes) {
    const cases = specs[route]
    if (!cases) {
      it(route, () => {
        throw new Error(`no authorization rows for ${route}: add them to tests/support/matrix/specs.ts`)
      })
      continue
    }
    for (const c of cases) {
      it(c.name ? `${route} (${c.name})` : route, async () => {
        expect(c.expect, 'one outcome per caller').toHaveLength(ACTORS.length)
        const got: (Outcome | string)[] = []
        if (c.serial) for (const a of ACTORS) got.push(await outcome(route, c, a))
        else got.push(...(await Promise.all(ACTORS.map((a) => outcome(route, c, a)))))
        const wrong = ACTORS.flatMap((a, i) => (got[i] === c.expect[i] ? [] : [`${a}: expected ${c.expect[i]}, got ${got[i]}`]))
        expect(wrong).toEqual([])
      })
    }
  }

  // The holes found from outside (issue 9), as they were reported: the lingjing officer and a
  // payment batch of 苏桥镇 whose notice has ended. Outside their scope it must not exist.
  it('the 灵井镇 officer can neither read, nor download the notice of, nor pay a 苏桥镇 batch', async () => {
    const tok = w.tokens.officer
    const id = w.suqiaoBatch.id
    expect((await call(t, 'GET', `/api/payment-batches/${id}`, undefined, tok)).status, 'read').toBe(404)
    const notice = await call(t, 'GET', `/api/notices/${id}.xlsx`, undefined, tok)
    expect(notice.status, 'notice').toBe(404)
    expect((await call(t, 'POST', `/api/payment-batches/${id}/pay`, undefined, tok)).status, 'pay').toBe(404)
    expect((await w.read(`/api/payment-batches/${id}`)).status).toBe('notice')
    expect((await w.read(`/api/claims/${w.suqiaoClaim.id}`)).status).toBe('noticed')
    // The suqiao officer, whose batch it is, may read it: the refusal above is about scope.
    expect((await call(t, 'GET', `/api/payment-batches/${id}`, undefined, w.tokens.otherOfficer)).status).toBe(200)
  })

  it('an owner never sees another owner’s applicants', async () => {
    const mine = await call(t, 'GET', `/api/posts/${w.postA.id}/applications?limit=50`, undefined, w.tokens.owner)
    expect(mine.json.items.map((a: { seekerId: string }) => a.seekerId).sort()).toEqual([w.fileA.id, w.fileB.id].sort())
    const theirs = await call(t, 'GET', `/api/posts/${w.postA.id}/applications`, undefined, w.tokens.otherOwner)
    expect(theirs.status).toBe(404)
    expect(theirs.text).not.toContain(inputA.name)
    // And the other way round: owner A is refused owner B's applicants (seeker B applied there).
    const back = await call(t, 'GET', `/api/posts/${w.postB.id}/applications`, undefined, w.tokens.owner)
    expect(back.status).toBe(404)
    expect(back.text).not.toContain(inputB.name)
  })

  it('another township’s officer finds nothing of lingjing: not by ID, name or their own lists', async () => {
    const tok = w.tokens.otherOfficer
    const byId = await call(t, 'GET', `/api/seekers?idLast4=${ID_A.slice(-4)}`, undefined, tok)
    expect(byId.status).toBe(200)
    expect(byId.json.items.map((s: { id: string }) => s.id)).not.toContain(w.fileA.id)
    for (const path of ['/api/seekers?limit=50', '/api/workshops?limit=50', '/api/difficulties?limit=50', '/api/placements?limit=50', '/api/certificates?limit=50', '/api/match-runs?limit=50']) {
      const r = await call(t, 'GET', path, undefined, tok)
      expect(r.status, path).toBe(200)
      expect(r.json.items.filter((x: { township?: string; seekerTownship?: string; scope?: string }) => [x.township, x.seekerTownship, x.scope].includes('lingjing')), path).toEqual([])
    }
    const ledger = await call(t, 'GET', '/api/ledger?year=2026&limit=50', undefined, tok)
    expect(ledger.status).toBe(200)
    expect(ledger.json.items.filter((r: { township: string }) => r.township === 'lingjing')).toEqual([])
  })

  it('a seeker cannot change the phone on their file: it is the account’s, verified at sign-in', async () => {
    // /me/profile ignores `phone` for seekers; the same file written through /api/seekers/{id} must too,
    // or a seeker could send the platform's texts to any number and show owners a number not theirs.
    const r = await call(t, 'PUT', `/api/seekers/${w.fileA.id}`, { ...inputA, phone: '13700009999' }, w.tokens.seeker)
    expect(r.status).toBeLessThan(500)
    expect((await w.read(`/api/seekers/${w.fileA.id}`)).phoneMasked).toBe('139****0001')
    const sent = t.captured.sms.length
    await w.fresh.application() // tells seeker A, by text too (through the SMS outbox's job, just after)
    await vi.waitFor(() => expect(t.captured.sms.slice(sent).map((m) => m.phone)).toEqual([PHONES.seeker]))
  })

  // Reads what the matrix above recorded (tests in a file run in order).
  it('answers carry ID numbers masked: the full number only in reveal-id, to officers in scope', () => {
    expect(answers.length).toBeGreaterThan(rows / 2)
    const leaks = answers.filter((x) => (x.text.includes(ID_A) || x.text.includes(ID_B)) && !(x.route.endsWith('reveal-id') && x.status === 200))
    expect(leaks.map((x) => `${x.actor} ${x.route}`)).toEqual([])
    expect(answers.filter((x) => x.text.includes(PHONES.seeker) || x.text.includes(PHONES.otherSeeker)).map((x) => `${x.actor} ${x.route}`)).toEqual([])
    // What owners get: every ID-number field is the masked one, and it is masked.
    const idFields: [string, unknown][] = []
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk)
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (/idnumber/i.test(k) ? idFields.push([k, x]) : walk(x))
    }
    answers.filter((x) => (x.actor === 'owner' || x.actor === 'otherOwner') && x.route !== 'GET /api/openapi.json').forEach((x) => walk(x.json))
    expect(idFields.length).toBeGreaterThan(0) // owner A saw applicants, so there is something to check
    expect(idFields.filter(([k, v]) => k !== 'idNumberMasked' || typeof v !== 'string' || !/^\d{4}\*+[\dX]{4}$/.test(v))).toEqual([])
  })
})
