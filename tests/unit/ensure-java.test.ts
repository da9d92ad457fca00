import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureJava, installPlan, javaMajor, nodeProblem, type Machine } from '../../scripts/ensure-deps.js'

/**
 * The set-up helper `npm start` and `npm test` share, run for real against a PATH whose first
 * directory shadows `java` (one that does not work) and `apt-get` (one that records its arguments
 * and, on install, puts a working fake `java` in place).
 */
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function shadowedMachine(isRoot: boolean): { machine: Machine; aptCalls: () => string[]; said: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wengang-java-'))
  dirs.push(dir)
  const calls = path.join(dir, 'apt-calls')
  writeFileSync(path.join(dir, 'java'), '#!/bin/sh\necho "java: not really here" >&2\nexit 127\n')
  writeFileSync(
    path.join(dir, 'apt-get'),
    [
      '#!/bin/sh',
      `echo "$*" >> '${calls}'`,
      'case "$1" in install)',
      `  printf '#!/bin/sh\\necho "openjdk version \\\\"17.0.13\\\\" 2024-10-15" >&2\\n' > '${dir}/java'`,
      `  /bin/chmod +x '${dir}/java' ;;`,
      'esac',
      'exit 0',
      '',
    ].join('\n'),
  )
  chmodSync(path.join(dir, 'java'), 0o755)
  chmodSync(path.join(dir, 'apt-get'), 0o755)
  const said: string[] = []
  const machine: Machine = { env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` }, isRoot, say: (l) => said.push(l) }
  return { machine, aptCalls: () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []), said }
}

describe('ensureJava (the helper npm start and npm test share)', () => {
  it('as root with apt-get: installs default-jre-headless and goes on once java answers', () => {
    const { machine, aptCalls, said } = shadowedMachine(true)
    expect(javaMajor(machine.env).major).toBeUndefined()
    expect(() => ensureJava(machine)).not.toThrow()
    expect(aptCalls()).toEqual(['update -qq', 'install -y -qq --no-install-recommends default-jre-headless'])
    expect(javaMajor(machine.env).major).toBe(17)
    expect(said.join('\n')).toContain('java ready: openjdk version "17.0.13"')
  })

  it('not root: installs nothing and names the exact command, with sudo', () => {
    const { machine, aptCalls } = shadowedMachine(false)
    expect(() => ensureJava(machine)).toThrow('sudo apt-get update && sudo apt-get install -y default-jre-headless')
    expect(aptCalls()).toEqual([])
  })

  it('root without apt-get on PATH (not Debian): names the command instead of guessing', () => {
    const { machine } = shadowedMachine(true)
    rmSync(path.join(machine.env.PATH!.split(path.delimiter)[0]!, 'apt-get'))
    machine.env.PATH = machine.env.PATH!.split(path.delimiter)[0]
    expect(() => ensureJava(machine)).toThrow(/found: none[\s\S]*apt-get update && apt-get install -y default-jre-headless/)
  })

  it('an old Java counts as none', () => {
    const { machine, aptCalls } = shadowedMachine(false)
    const dir = machine.env.PATH!.split(path.delimiter)[0]!
    writeFileSync(path.join(dir, 'java'), '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    expect(javaMajor(machine.env)).toEqual({ major: 11, found: 'openjdk version "11.0.2" 2019-01-15' })
    expect(() => ensureJava(machine)).toThrow(/>= 17[\s\S]*found: openjdk version "11\.0\.2"/)
    expect(aptCalls()).toEqual([])
  })
})

describe('installPlan', () => {
  it.each([
    [[], true, true, { do: 'nothing' }],
    [['default-jre-headless'], true, true, { do: 'install', packages: ['default-jre-headless'] }],
    [['chromium', 'fonts-noto-cjk'], false, true, { do: 'stop', command: 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk' }],
    [['default-jre-headless'], true, false, { do: 'stop', command: 'apt-get update && apt-get install -y default-jre-headless' }],
  ] as const)('%j root=%s apt=%s', (missing, isRoot, hasApt, plan) => {
    expect(installPlan([...missing], { isRoot, hasApt })).toEqual(plan)
  })
})

describe('nodeProblem (engines: node >= 20.19)', () => {
  it.each(['v20.19.0', 'v20.20.2', 'v22.1.0', 'v24.0.0'])('%s is enough', (v) => expect(nodeProblem(v)).toBeUndefined())
  it.each(['v20.18.1', 'v18.20.4', 'v16.0.0'])('%s is named, with the requirement', (v) => {
    expect(nodeProblem(v)).toContain(`needs Node 20.19 or later`)
    expect(nodeProblem(v)).toContain(v)
  })
})
