import { DEFAULT_AWS_REGION } from '../functions/config.js'

/**
 * Defaults for every local run: DynamoDB Local takes any credentials, and the SDK must not probe EC2
 * metadata. The SDK's notice that versions published after January 2027 will need Node 22 is
 * silenced: the versions pinned here run on Node 20, and Lambda runs nodejs22.x (README, "Known warnings").
 */
export function applyLocalEnv(extra: Record<string, string> = {}): void {
  const defaults: Record<string, string> = {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: DEFAULT_AWS_REGION,
    WENGANG_ENV: 'local',
    TABLE_NAME: 'wengang',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  }
  for (const [k, v] of Object.entries(defaults)) process.env[k] ??= v
}
