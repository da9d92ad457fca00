import { Hono } from 'hono'
import { TodoQuery } from '../../../shared/schemas/todo.js'
import * as Todo from '../../core/todo.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 待办 the officer's to-do list: counts, each with the filtered page it leads to. */
export const todo = new Hono<Env>().get('/', validate('query', TodoQuery), async (c) => c.json(await Todo.todoList(c.var.deps, requireUser(c), c.req.valid('query'))))
