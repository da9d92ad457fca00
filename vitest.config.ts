import { defineConfig } from 'vitest/config'
import { DEFAULT_AWS_REGION } from './functions/config.js'

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/count-reporter.ts'],
    env: {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: DEFAULT_AWS_REGION,
      WENGANG_ENV: 'test',
      SST_TELEMETRY_DISABLED: '1',
    },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // One DynamoDB Local for the whole run; each file makes its own table.
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
