/**
 * What a fresh machine may lack for the tests: a Java runtime (DynamoDB Local) and Chromium
 * (e2e). As root on Debian it installs them with apt-get; otherwise it names the command.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { checkJava, ensureEmulator } from './dynamodb-local.js'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const isRoot = () => process.getuid?.() === 0
const hasApt = () => existsSync('/usr/bin/apt-get')

function aptInstall(pkgs: string[]): boolean {
  if (!isRoot() || !hasApt()) return false
  console.log(`installing ${pkgs.join(' ')} with apt-get…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env }).status === 0
}

export function ensureJava(): void {
  try {
    checkJava()
  } catch (e) {
    if (!aptInstall(['default-jre-headless'])) throw e
    checkJava()
  }
}

/** Without a CJK font Chromium draws Chinese as empty boxes: screenshots would show nothing readable. */
const hasCjkFont = () => (spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout ?? '').trim().length > 0

export function ensureChromium(): void {
  if (existsSync(CHROMIUM) && hasCjkFont()) return
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-noto-cjk'])]
  if (!aptInstall(missing) && !existsSync(CHROMIUM)) {
    throw new Error(`The e2e tests need Chromium at ${CHROMIUM}.\n  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n  or set CHROMIUM_PATH. (Playwright's own browser download is not used.)`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureJava()
  ensureEmulator()
  ensureChromium()
  console.log('java, DynamoDB Local and chromium are ready')
}
