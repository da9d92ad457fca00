import type { Post } from './api/client'

export type PostKind = Post['kind']

/** 帮扶车间 workshop, 公益性岗位 public-welfare, enterprise, 有组织劳务输出 labor export — in the order filters show them. */
export const POST_KINDS = ['workshop', 'publicWelfare', 'enterprise', 'laborExport'] as const satisfies readonly PostKind[]

// If the server gains a kind, this line stops compiling until the list above has it.
const everyKindListed: Exclude<PostKind, (typeof POST_KINDS)[number]> extends never ? true : never = true
void everyKindListed

export const isPostKind = (v: unknown): v is PostKind => typeof v === 'string' && (POST_KINDS as readonly string[]).includes(v)
