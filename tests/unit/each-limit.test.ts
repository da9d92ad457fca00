import { describe, expect, it } from 'vitest'
import { eachLimit } from '../../shared/each-limit'

describe('eachLimit', () => {
  it('does every item once, never more than the limit at a time', async () => {
    let running = 0
    let most = 0
    const seen: number[] = []
    await eachLimit([...Array(50).keys()], 4, async (i) => {
      running++
      most = Math.max(most, running)
      await new Promise((r) => setTimeout(r, i % 3))
      seen.push(i)
      running--
    })
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()])
    expect(most).toBe(4)
  })

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = []
    await expect(
      eachLimit([1, 2, 3, 4, 5, 6], 1, async (i) => {
        started.push(i)
        if (i === 3) throw new Error('three')
      }),
    ).rejects.toThrow('three')
    expect(started).toEqual([1, 2, 3])
  })

  it('does nothing for no items', async () => {
    let calls = 0
    await eachLimit([], 8, async () => void calls++)
    expect(calls).toBe(0)
  })
})
