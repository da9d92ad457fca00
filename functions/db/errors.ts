import { DomainError } from '../../shared/errors.js'

const names = (e: unknown): string => (e as { name?: string })?.name ?? ''

export const isConditionFailed = (e: unknown): boolean => names(e) === 'ConditionalCheckFailedException'

/** TransactWriteItems reports each item's reason; ConditionalCheckFailed on any means a conflict. */
export const isTransactionConflict = (e: unknown): boolean =>
  names(e) === 'TransactionCanceledException' &&
  ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
  )

/** Runs a write; a failed condition becomes the given conflict, keeping the database error as cause. */
export async function orConflict<T>(work: () => Promise<T>, conflict: () => DomainError): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (isConditionFailed(e) || isTransactionConflict(e)) {
      const err = conflict()
      throw new DomainError(err.code, err.kind, err.message, err.messageEn, { cause: e })
    }
    throw e
  }
}

/** Cancelled only because another transaction touched an item at that moment: safe to run again. */
export const isOnlyTransactionConflict = (e: unknown): boolean => {
  if (names(e) !== 'TransactionCanceledException') return false
  const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
  return reasons.some((r) => r.Code === 'TransactionConflict') && reasons.every((r) => r.Code === 'TransactionConflict' || r.Code === 'None' || !r.Code)
}

/**
 * Runs a transaction, again (up to 4 tries, with jittered backoff) when DynamoDB cancelled it for a
 * transaction conflict rather than a failed condition: a hire on the same post at the same moment
 * must not turn someone's first application into a refusal.
 */
export async function retryConflicts<T>(work: () => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (e) {
      if (attempt >= tries || !isOnlyTransactionConflict(e)) throw e
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * (0.5 + Math.random())))
    }
  }
}
