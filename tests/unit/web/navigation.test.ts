import { describe, expect, it } from 'vitest'
import { headerBarLimit, navItemsFor, phoneBarLimit, PHONE_CELLS, ROLE_SECTIONS, splitNav } from '../../../web/src/navigation'

const names = (items: { name: string }[]) => items.map((i) => i.name)

describe('navigation that fits the screen (issue 15 part 4)', () => {
  it('keeps the items marked more under More, and moves the bar items beyond the limit there first, in order', () => {
    const officer = navItemsFor('officer')
    const all = splitNav(officer)
    expect(all.more.every((i) => ROLE_SECTIONS.officer.find((s) => s.name === i.name)?.more)).toBe(true)
    const two = splitNav(officer, 2)
    expect(names(two.bar)).toEqual(names(all.bar).slice(0, 2))
    expect(names(two.more)).toEqual([...names(all.bar).slice(2), ...names(all.more)])
    expect(splitNav(officer, 0).bar).toEqual([])
  })

  it('gives the phone at most five cells, one of them More when anything is left over', () => {
    for (const role of [null, 'seeker', 'owner', 'officer', 'admin', 'auditor'] as const) {
      const items = navItemsFor(role)
      const { bar, more } = splitNav(items, phoneBarLimit(items))
      expect(bar.length + (more.length ? 1 : 0)).toBeLessThanOrEqual(PHONE_CELLS)
      expect(bar.length + more.length).toBe(items.length)
    }
    // The seeker's five items fill the bar with no More.
    expect(phoneBarLimit(navItemsFor('seeker'))).toBe(5)
  })

  it('fits as many header items as the width holds beside the More button, which has room for its widest label', () => {
    const widths = [100, 100, 100, 100]
    expect(headerBarLimit(widths, widths, [], 60, 1000, 4)).toBe(4)
    // Exactly the four with their three gaps.
    expect(headerBarLimit(widths, widths, [], 60, 412, 4)).toBe(4)
    // One pixel short: More may show the last item's name, so it needs that room, and one item more goes (2·100 + 4 + 4 + 100 = 308).
    expect(headerBarLimit(widths, widths, [], 60, 411, 4)).toBe(2)
    expect(headerBarLimit(widths, widths, [], 60, 307, 4)).toBe(1)
    // Items live under More anyway: it needs its room, as wide as its widest item, even when the bar fits.
    expect(headerBarLimit(widths, widths, [30], 60, 476, 4)).toBe(4)
    expect(headerBarLimit(widths, widths, [30], 60, 475, 4)).toBe(3)
    expect(headerBarLimit(widths, widths, [150], 60, 516, 4)).toBe(3)
    expect(headerBarLimit(widths, widths, [30], 60, 10, 4)).toBe(0)
    // Under More an item goes by its short label: that is all the room the button needs (3·100 + 2·4 + 4 + 60 = 372).
    expect(headerBarLimit(widths, [50, 50, 50, 50], [], 60, 411, 4)).toBe(3)
  })
})
