import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from './client'

/** 导出 list exports, typed from the server's routes (functions/api/routes/exports.ts). */
export type ExportRecord = InferResponseType<(typeof api.exports)[':id']['$get'], 200>
export type ExportRequest = InferRequestType<typeof api.exports.$post>['json']
export type ExportList = ExportRequest['list']
/** A page's export: its list and the filters it shows; whether IDs are written in full is asked at the button. */
export type ExportAsk = ExportRequest extends infer R ? (R extends unknown ? Omit<R, 'fullIds'> : never) : never

export const startExport = (req: ExportRequest) => unwrap(api.exports.$post({ json: req }))
export const getExport = (id: string) => unwrap(api.exports[':id'].$get({ param: { id } }))
