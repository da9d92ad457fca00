import type { Deps } from '../core/deps.js'
import * as Posts from '../core/posts.js'

/** Closes the posts past their deadline (a step of the daily clock, functions/jobs/daily.ts; also a job of its own). */
export const closeExpiredPosts = (deps: Deps) => Posts.closeExpired(deps)
