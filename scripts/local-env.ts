import { DEFAULT_AWS_REGION } from '../functions/config.js'

/** Defaults for every local run: DynamoDB Local takes any credentials, and the SDK must not probe EC2 metadata. */
export function applyLocalEnv(extra: Record<string, string> = {}): void {
  const defaults: Record<string, string> = {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: DEFAULT_AWS_REGION,
    WENGANG_ENV: 'local',
    TABLE_NAME: 'wengang',
    ...extra,
  }
  for (const [k, v] of Object.entries(defaults)) process.env[k] ??= v
}
