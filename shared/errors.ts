/** Kinds map one-to-one onto HTTP answers in the API's onError. */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict' | 'tooMany' | 'tooLarge' | 'unavailable'

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
