import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useCountdown } from '../../../web/src/composables/use-countdown'

describe('useCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts down to zero and then stops running', () => {
    const scope = effectScope()
    const c = scope.run(() => useCountdown())!
    c.start(60)
    expect(c.running.value).toBe(true)
    vi.advanceTimersByTime(30_000)
    expect(c.remaining.value).toBe(30)
    vi.advanceTimersByTime(30_000)
    expect(c.remaining.value).toBe(0)
    expect(c.running.value).toBe(false)
    scope.stop()
  })

  it('stop() ends it at once (a different phone number may get a code straight away)', () => {
    const scope = effectScope()
    const c = scope.run(() => useCountdown())!
    c.start(60)
    vi.advanceTimersByTime(5_000)
    c.stop()
    expect(c.running.value).toBe(false)
    vi.advanceTimersByTime(5_000)
    expect(c.remaining.value).toBe(0)
    scope.stop()
  })
})
