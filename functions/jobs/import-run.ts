import * as Imports from '../core/imports.js'
import type { Deps } from '../core/deps.js'

/** 导入 one roster import, to its end (functions/core/imports.ts `run`). */
export const runImportJob = (deps: Deps, importId: string): Promise<void> => Imports.run(deps, importId)
