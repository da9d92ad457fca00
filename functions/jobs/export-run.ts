import * as Exports from '../core/list-exports.js'
import type { Deps } from '../core/deps.js'

/** 导出 one list export, to its end (functions/core/list-exports.ts `run`). */
export const runExportJob = (deps: Deps, exportId: string): Promise<void> => Exports.run(deps, exportId)
