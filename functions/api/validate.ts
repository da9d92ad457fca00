import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { DomainError } from '../../shared/errors.js'
import { formatIssues, type FieldIssue } from '../../shared/validation.js'

/** A 400 that carries field-level messages in zh-CN and en. */
export class ValidationError extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super('request.invalid', 'invalid', '请求内容有误，请检查标出的字段', 'The request is invalid; check the fields listed')
  }
}

/** zValidator with the project's error shape: every route validates through this. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw new ValidationError(formatIssues(result.error as unknown as z.ZodError, result.data))
  })
