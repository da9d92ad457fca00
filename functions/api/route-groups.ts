import { Hono } from 'hono'
import { createBase } from './base.js'
import type { Deps, Env } from './context.js'
import { onError } from './errors.js'

/** A resource's routes mounted under a path, as app.ts mounts them. */
type Mount = readonly [path: string, routes: Hono<Env>]
type Group = () => Promise<readonly Mount[]>

/**
 * The Lambda's routes by the first part of their path (after /api), each group loaded on its first
 * request: module load is then the shared base alone (base.ts), and a request reads the code of its
 * own resource, not the whole API's. The mounts and their order are app.ts's; where two resources
 * share a path (`/posts`: posts and their candidates), the group holds both in app.ts's order.
 * tests/unit/route-groups.test.ts checks that every route of app.ts is served by the group its path picks.
 */
export const ROUTE_GROUPS: Record<string, Group> = {
  '/auth': async () => [['/auth', (await import('./routes/auth.js')).auth]],
  '/me': async () => [['/me', (await import('./routes/me.js')).me]],
  '/me/recommendations': async () => [['/me/recommendations', (await import('./routes/match-runs.js')).recommendations]],
  '/me/history': async () => [['/me/history', (await import('./routes/history.js')).myHistory]],
  '/geo': async () => [['/geo', (await import('./routes/geo.js')).geo]],
  '/posts': async () => {
    const [{ posts }, { candidates }] = await Promise.all([import('./routes/posts.js'), import('./routes/match-runs.js')])
    return [['/posts', posts], ['/posts', candidates]]
  },
  '/match-runs': async () => [['/match-runs', (await import('./routes/match-runs.js')).matchRuns]],
  '/seekers': async () => {
    const [{ seekers }, { seekerRecords }, { seekerHistory }] = await Promise.all([import('./routes/seekers.js'), import('./routes/records.js'), import('./routes/history.js')])
    return [['/seekers', seekers], ['/seekers', seekerRecords], ['/seekers', seekerHistory]]
  },
  '/imports': async () => [['/imports', (await import('./routes/imports.js')).imports]],
  '/exports': async () => [['/exports', (await import('./routes/exports.js')).listExports]],
  '/certificates': async () => [['/certificates', (await import('./routes/records.js')).certificates]],
  '/trainings': async () => [['/trainings', (await import('./routes/records.js')).trainings]],
  '/yulu': async () => [['/yulu', (await import('./routes/records.js')).yulu]],
  '/policies': async () => [['/policies', (await import('./routes/policies.js')).policies]],
  '/targets': async () => [['/targets', (await import('./routes/policies.js')).targets]],
  '/dashboard': async () => [['/dashboard', (await import('./routes/dashboard.js')).dashboard]],
  '/eligibility': async () => [['/eligibility', (await import('./routes/claims.js')).eligibility]],
  '/claims': async () => [['/claims', (await import('./routes/claims.js')).claims]],
  '/payment-batches': async () => [['/payment-batches', (await import('./routes/claims.js')).paymentBatches]],
  // Mounted at / in app.ts: one group per first path part of its routes.
  '/ledger': reports,
  '/ledger.xlsx': reports,
  '/trainings.xlsx': reports,
  '/notices': reports,
  '/audit': reports,
  '/files': async () => [['/files', (await import('./routes/files.js')).files]],
  '/workshops': async () => [['/workshops', (await import('./routes/workshops.js')).workshops]],
  '/difficulties': async () => [['/difficulties', (await import('./routes/workshops.js')).difficulties]],
  '/applications': async () => [['/applications', (await import('./routes/applications.js')).applications]],
  '/placements': async () => {
    const [{ placements }, { placementChecks }] = await Promise.all([import('./routes/placements.js'), import('./routes/monitoring.js')])
    return [['/placements', placements], ['/placements', placementChecks]]
  },
  '/households': async () => {
    const [{ households }, { householdFile }] = await Promise.all([import('./routes/monitoring.js'), import('./routes/household-file.js')])
    return [['/households', households], ['/households', householdFile]]
  },
  '/cases': async () => [['/cases', (await import('./routes/monitoring.js')).cases]],
  '/due': async () => [['/due', (await import('./routes/monitoring.js')).due]],
  '/record-problems': async () => [['/record-problems', (await import('./routes/record-checks.js')).recordProblems]],
  '/todo': async () => [['/todo', (await import('./routes/todo.js')).todo]],
  '/users': async () => [['/users', (await import('./routes/users.js')).users]],
  '/returnees': async () => [['/returnees', (await import('./routes/following.js')).returnees]],
  '/graduates': async () => [['/graduates', (await import('./routes/following.js')).graduates]],
}

async function reports(): Promise<readonly Mount[]> {
  return [['/', (await import('./routes/reports.js')).reports]]
}

/** The group a path belongs to: the longest prefix that is the path or ends where a path part does; undefined: base routes and 404s. */
export function groupOf(path: string): string | undefined {
  if (!path.startsWith('/api/')) return undefined
  const rest = path.slice('/api'.length)
  let best: string | undefined
  for (const prefix of Object.keys(ROUTE_GROUPS)) {
    if ((rest === prefix || rest.startsWith(`${prefix}/`)) && (!best || prefix.length > best.length)) best = prefix
  }
  return best
}

/** The base plus one group's routes: what answers that group's requests. */
export async function groupApp(deps: Deps, prefix: string) {
  const app = createBase(deps)
  for (const [path, routes] of await ROUTE_GROUPS[prefix]!()) app.route(path, routes)
  return app
}

/**
 * The Lambda's API: hands each request to its group's app, made on the group's first request and
 * kept for the container's life. `c.env` (the Lambda event, for the client's address) passes through.
 */
export function createLazyApp(deps: Deps) {
  const base = createBase(deps)
  const apps = new Map<string, Promise<ReturnType<typeof createBase>>>()
  const appFor = (prefix: string) => {
    let app = apps.get(prefix)
    if (!app) {
      app = groupApp(deps, prefix)
      // A failed load is not kept: the next request tries again.
      app.catch(() => apps.delete(prefix))
      apps.set(prefix, app)
    }
    return app
  }
  const dispatcher = new Hono<Env>().all('*', async (c) => {
    const prefix = groupOf(c.req.path)
    const app = prefix ? await appFor(prefix) : base
    return app.fetch(c.req.raw, c.env)
  })
  // Only a group that fails to load lands here: the same 500 as any other unexpected error.
  dispatcher.onError(onError)
  return dispatcher
}
