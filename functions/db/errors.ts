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
