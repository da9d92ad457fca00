import type { AccountRole } from '../../api/client'

/** The roles an admin gives accounts, in the order the filter and the form offer them (seekers make their own). */
export const ACCOUNT_ROLES = ['officer', 'auditor', 'admin', 'owner'] as const satisfies readonly AccountRole[]
