/**
 * A background job (an import, an export) runs in the jobs function, which AWS stops at 15 minutes
 * (infra/jobs.ts), and moves its record's `updatedAt` at every step. A record still running that
 * has not moved for longer than that belongs to a run that died (a timeout, a crash) and will never
 * finish: it is shown, and on its own page written, as failed, so no one watches a progress bar
 * for ever. A retried invocation of the job finds it no longer queued and does nothing.
 */
export const STALLED_AFTER_MS = 16 * 60_000

export function isStalled(r: { status: string; updatedAt: string }, running: readonly string[], now: Date): boolean {
  return running.includes(r.status) && now.getTime() - Date.parse(r.updatedAt) > STALLED_AFTER_MS
}

/** The failure a stalled export shows. */
export const EXPORT_STALLED = { code: 'export.stalled', message: '导出中断（超时或故障），没有完成：请重新导出', messageEn: 'The export stopped part-way (a timeout or a fault) and did not finish: export again' }

/** The failure a stalled import shows: what it wrote stays, and the same file again writes only the rest (imports are idempotent). */
export const IMPORT_STALLED = {
  code: 'import.stalled',
  message: '导入中断（超时或故障），没有完成：已写入的行保留，再次导入同一文件只会补上其余的行',
  messageEn: 'The import stopped part-way (a timeout or a fault) and did not finish: the rows it wrote stay, and the same file again writes only the rest',
}
