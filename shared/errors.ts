/** Kinds map one-to-one onto HTTP answers in the API's onError. */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'notFound' | 'gone' | 'conflict' | 'tooMany' | 'tooLarge' | 'unsupported' | 'unavailable'

/**
 * An expected failure of the domain, carried as a value: a dotted code, a kind,
 * and a message in Chinese with its English beside it.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly messageEn: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'DomainError'
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError

/** A refusal for now, not for good: the API answers 429 with `Retry-After` (seconds). */
export class RetryLater extends DomainError {
  constructor(
    code: string,
    message: string,
    messageEn: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, 'tooMany', message, messageEn)
  }
}

/** One field's refusal, in both languages (the shape `formatIssues` gives for schema issues). */
export interface FieldRefusalIssue {
  path: string
  code: string
  message: string
  messageEn: string
}

/**
 * A 400 about one field that the schema cannot decide alone (it needs today or the person's birth
 * date): core throws it; the API answers it like a schema issue, with the field named in `issues`.
 */
export class FieldRefusal extends DomainError {
  readonly issues: FieldRefusalIssue[]
  constructor(code: string, field: string, message: string, messageEn: string) {
    super(code, 'invalid', message, messageEn)
    this.issues = [{ path: field, code, message, messageEn }]
  }
}

/** Throws a date rule's refusal (see shared/dates.ts) as a FieldRefusal on `field`. */
export function refuseDay(field: string, refusal: { code: string; message: string; messageEn: string } | undefined): void {
  if (refusal) throw new FieldRefusal(refusal.code, field, refusal.message, refusal.messageEn)
}
