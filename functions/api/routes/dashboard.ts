import { Hono } from 'hono'
import { DashboardExportQuery, DashboardPeopleQuery, DashboardQuery } from '../../../shared/schemas/board.js'
import * as Dashboard from '../../core/dashboard.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { boardPeopleTitle, boardPeopleWorkbook } from '../exports.js'
import { validate } from '../validate.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** 工作台看板 the officer's targets board, the names behind a figure, and those names as .xlsx. */
export const dashboard = new Hono<Env>()
  .get('/', validate('query', DashboardQuery), async (c) => c.json(await Dashboard.board(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/people', validate('query', DashboardPeopleQuery), async (c) => c.json(await Dashboard.people(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/people.xlsx', validate('query', DashboardExportQuery), async (c) => {
    const q = c.req.valid('query')
    const { year, metric, rows } = await Dashboard.peopleRows(c.var.deps, requireUser(c), q)
    const body = await boardPeopleWorkbook(boardPeopleTitle(year, metric, q.township, q.month), rows)
    return c.body(new Uint8Array(body), 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="board-${year}-${metric}.xlsx"` })
  })
