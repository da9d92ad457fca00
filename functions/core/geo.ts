/** 乡镇 / 村: the district's geography, public (it names places, not people). */
import { listTownships, listVillages } from '../db/geo.js'
import type { Deps } from './deps.js'

export const townships = async (deps: Deps) => ({ items: await listTownships(deps.db) })
export const villages = async (deps: Deps, township: string) => ({ items: await listVillages(deps.db, township) })

