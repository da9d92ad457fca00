import type { Actor, Deps } from '../core/deps.js'

export type { Actor, Deps }
/** The signed-in actor as the API sees it. */
export type Auth = Actor

export type Env = {
  Variables: {
    deps: Deps
    requestId: string
    auth?: Auth
  }
}
