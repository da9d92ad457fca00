import { computed, onScopeDispose, ref } from 'vue'

/** A seconds countdown (e.g. "resend the code in 42 s"), stopped when the component goes away. */
export function useCountdown() {
  const remaining = ref(0)
  let timer: ReturnType<typeof setInterval> | undefined

  const clearTimer = (): void => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }

  function start(seconds: number): void {
    clearTimer()
    const endsAt = Date.now() + seconds * 1000
    remaining.value = seconds
    // Counted from the end time, not by ticks, so a throttled background tab stays right.
    timer = setInterval(() => {
      remaining.value = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000))
      if (remaining.value === 0) clearTimer()
    }, 250)
  }

  /** Ends the countdown now. */
  function stop(): void {
    clearTimer()
    remaining.value = 0
  }

  onScopeDispose(clearTimer)

  return { remaining, running: computed(() => remaining.value > 0), start, stop }
}
