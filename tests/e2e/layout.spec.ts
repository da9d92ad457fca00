import { expect, test, type Page } from '@playwright/test'
import { ROLE_SECTIONS } from '../../web/src/navigation'
import { apiSignIn, DEMO, openAs } from './support/session'

/**
 * Every page of every role, in English (the longer labels) at the phone's and the desktop's width:
 * nothing runs off the screen, no navigation label is cut, and nothing covers a navigation item
 * (issue 15 part 4: in English at 1280 px the last items sat under the language switch and menu).
 */
const ROLES = [
  ['seeker', DEMO.seeker],
  ['owner', DEMO.owner],
  ['officer', DEMO.districtOfficer],
  ['admin', DEMO.admin],
  ['auditor', DEMO.auditor],
] as const

/** What is wrong with the page as drawn, in words a failure message can show. */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = []
    const width = window.innerWidth
    if (document.documentElement.scrollWidth > width + 1) faults.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`)
    const shown = (e: Element) => {
      const r = e.getBoundingClientRect()
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
    }
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')} "${(e.textContent ?? '').trim().slice(0, 30)}"`
    // Past the right edge, unless a scrolling or clipping box inside the screen holds it (a wide table).
    for (const e of document.body.querySelectorAll('*')) {
      if (!shown(e) || e.closest('[aria-hidden="true"]')) continue
      const r = e.getBoundingClientRect()
      if (r.right <= width + 1 && r.left >= -1) continue
      let held = false
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && a.getBoundingClientRect().right <= width + 1) {
          held = true
          break
        }
      }
      if (!held) faults.push(`off the screen: ${describe(e)} (${Math.round(r.left)}–${Math.round(r.right)} of ${width})`)
    }
    const nav = document.querySelector('[data-testid="nav"]')
    for (const label of nav?.querySelectorAll('.app-nav__label') ?? []) {
      if (shown(label) && label.scrollWidth > label.clientWidth + 1) faults.push(`navigation label cut: "${label.textContent}"`)
    }
    // Each item answers a tap at its middle: nothing lies on it.
    for (const item of nav?.querySelectorAll(':scope > a, [data-testid="nav-more"]') ?? []) {
      if (!shown(item)) continue
      const r = item.getBoundingClientRect()
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      if (!hit || !item.contains(hit)) faults.push(`navigation item covered: "${(item.textContent ?? '').trim()}" under ${hit ? describe(hit) : 'nothing'}`)
    }
    return faults.slice(0, 10)
  })
}

for (const [role, phone] of ROLES) {
  test(`every ${role} page fits the screen in English`, async ({ page, request }) => {
    test.setTimeout(180_000)
    const session = await apiSignIn(request, phone)
    await page.addInitScript(() => localStorage.setItem('wengang.locale', 'en'))
    const paths = ['/', ...ROLE_SECTIONS[role].map((s) => s.path)]
    for (const [i, path] of paths.entries()) {
      if (i === 0) await openAs(page, session, path)
      else await page.goto(path)
      await expect(page.getByTestId('user-menu')).toBeVisible()
      await expect(page.locator('html')).toHaveAttribute('lang', 'en')
      // The page's first answer is in: no skeleton left.
      await expect(page.locator('.el-skeleton')).toHaveCount(0, { timeout: 15_000 })
      expect(await layoutFaults(page), `${path} at ${page.viewportSize()?.width} px`).toEqual([])
    }
  })
}
