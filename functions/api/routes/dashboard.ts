import { Hono } from 'hono'
import { DashboardExportQuery, DashboardPeopleQuery, DashboardQuery } from '../../../shared/schemas/board.js'
import * as Dashboard from '../../core/dashboard.js'
import { boardPeopleSheet, boardPeopleTitle, exportSheet } from '../../core/exports.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 工作台看板 the officer's targets board, the names behind a figure, and those names as .xlsx. */
export const dashboard = new Hono<Env>()
  .get('/', validate('query', DashboardQuery), async (c) => c.json(await Dashboard.board(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/people', validate('query', DashboardPeopleQuery), async (c) => c.json(await Dashboard.people(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/people.xlsx', validate('query', DashboardExportQuery), async (c) => {
    const q = c.req.valid('query')
    const { year, metric, rows } = await Dashboard.peopleRows(c.var.deps, requireUser(c), q)
    return c.json(await exportSheet(c.var.deps, boardPeopleSheet(boardPeopleTitle(year, metric, q.township, q.month), rows), `board-${year}-${metric}.xlsx`))
  })
