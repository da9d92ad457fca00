/**
 * The Alibaba Cloud RAM key, read from AWS Secrets Manager (the secret infra/sms.ts creates), once
 * per container. Only a process that sends through Alibaba with SMS_ALIYUN_CREDENTIALS_SECRET_ARN set
 * comes here, on its first send: local runs and tests never load the SDK or call Secrets Manager.
 */
import { SmsUnavailable, networkFailure } from './provider.js'

export interface AliyunCredentials {
  accessKeyId: string
  accessKeySecret: string
}

export interface CredentialsSecret {
  arn: string
  /** The secret's own region (from its ARN). */
  region: string
  /** Tests point it at a local server; unset in AWS. */
  endpoint?: string
}

/**
 * What the stack writes into the secret until the operator puts the real key there. Plain data, so
 * infra/sms.ts takes it from here: the function then tells "not filled in yet" from a wrong key.
 */
export const ALIYUN_CREDENTIALS_PLACEHOLDER = 'FILL-IN-RAM-ACCESS-KEY-ID'

/** The JSON the secret holds: {"accessKeyId":"LTAI…","accessKeySecret":"…"}. */
export function parseAliyunCredentials(secretString: string | undefined): AliyunCredentials {
  let value: Partial<Record<keyof AliyunCredentials, unknown>> | undefined
  try {
    value = secretString ? (JSON.parse(secretString) as typeof value) : undefined
  } catch {
    value = undefined
  }
  const { accessKeyId, accessKeySecret } = value ?? {}
  if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string' || !accessKeyId || !accessKeySecret) {
    throw new SmsUnavailable('aliyun.credentials.malformed', true)
  }
  // Retryable: the outbox keeps trying while the operator fills the secret in.
  if (accessKeyId === ALIYUN_CREDENTIALS_PLACEHOLDER) throw new SmsUnavailable('aliyun.credentials.unset', true)
  return { accessKeyId, accessKeySecret }
}

const cache = new Map<string, Promise<AliyunCredentials>>()

/**
 * Reads and checks the secret; the answer is kept for the container's life, a failure is not (the
 * next send tries again, so a secret filled in after the deploy is taken without a restart).
 */
export function aliyunCredentials(s: CredentialsSecret & { timeoutMs: number }): Promise<AliyunCredentials> {
  let p = cache.get(s.arn)
  if (!p) {
    p = fetchSecret(s)
    cache.set(s.arn, p)
    p.catch(() => cache.delete(s.arn))
  }
  return p
}

/** Tests: forget what was read. */
export const forgetAliyunCredentials = (): void => cache.clear()

async function fetchSecret(s: CredentialsSecret & { timeoutMs: number }): Promise<AliyunCredentials> {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager')
  // Sign-in waits for this on a container's first code: one retry inside the SDK at most.
  const client = new SecretsManagerClient({
    region: s.region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: s.timeoutMs, requestTimeout: s.timeoutMs },
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
  })
  let secretString: string | undefined
  try {
    secretString = (await client.send(new GetSecretValueCommand({ SecretId: s.arn }))).SecretString
  } catch (e) {
    const err = e as { name?: string; $metadata?: { httpStatusCode?: number } }
    if (err.$metadata?.httpStatusCode === undefined) throw networkFailure(e)
    // AccessDeniedException, ResourceNotFoundException, DecryptionFailure…: named in the send's log line.
    throw new SmsUnavailable(`secretsmanager.${err.name ?? err.$metadata.httpStatusCode}`, true, { cause: e })
  } finally {
    client.destroy()
  }
  return parseAliyunCredentials(secretString)
}
