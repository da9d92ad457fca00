import { ulid } from 'ulid'

/** Time-ordered ids (ULID): sort keys built from them list newest-last without an extra timestamp. */
export const newId = (): string => ulid()
