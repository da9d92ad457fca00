/** One field-level problem as the API reports it (zh-CN message with its English beside it). */
export interface ApiIssue {
  path: string
  code: string
  message: string
  messageEn: string
}

/** A failed API call: the server's error body, or a stand-in when there was no usable answer. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly messageEn: string
  readonly requestId: string | undefined
  readonly issues: ApiIssue[] | undefined

  constructor(init: { status: number; code: string; message: string; messageEn: string; requestId?: string; issues?: ApiIssue[] }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.messageEn = init.messageEn
    this.requestId = init.requestId
    this.issues = init.issues
  }

  /** The message in the reader's language. */
  messageFor(locale: string): string {
    return locale.startsWith('zh') ? this.message : this.messageEn
  }

  /** The first issue on a field (`phone`, `code`, …), if the server named one. */
  issueFor(path: string): ApiIssue | undefined {
    return this.issues?.find((i) => i.path === path)
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

const isIssue = (v: unknown): v is ApiIssue =>
  isRecord(v) && typeof v.path === 'string' && typeof v.code === 'string' && typeof v.message === 'string' && typeof v.messageEn === 'string'

/** Reads the `{code, message, messageEn, requestId, issues?}` body of a non-2xx answer; tolerates a proxy's HTML page. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown
  try {
    body = await res.json()
  } catch {
    body = undefined
  }
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError({
      status: res.status,
      code: body.code,
      message: body.message,
      messageEn: typeof body.messageEn === 'string' ? body.messageEn : body.message,
      ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
      ...(Array.isArray(body.issues) ? { issues: body.issues.filter(isIssue) } : {}),
    })
  }
  return new ApiError({
    status: res.status,
    code: `http.${res.status}`,
    message: `服务器返回错误（${res.status}），请稍后再试`,
    messageEn: `The server answered ${res.status}; please try again later`,
  })
}

/** fetch itself failed: offline, DNS, server down. */
export const networkError = (): ApiError =>
  new ApiError({ status: 0, code: 'network', message: '网络连接失败，请检查网络后重试', messageEn: 'Network error; check your connection and try again' })
