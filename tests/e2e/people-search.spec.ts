import { expect, test } from '@playwright/test'
import { apiSignIn, DEMO, expectNoHorizontalScroll, openAs } from './support/session'

/**
 * 查找人员 people search (issue 12 part 6): the 灵井镇 officer types part of a name, then initials,
 * into the one box on the seekers page and finds the demo seeker 刘建国, the match shown; one
 * Latin letter is refused with a message before anything is sent. Runs at 375 px and 1280 px.
 */
test.use({ actionTimeout: 15_000 })

test('the township officer finds 刘建国 by 刘建 and by ljg', async ({ page, request }) => {
  test.setTimeout(240_000)
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  await openAs(page, officer, '/officer/seekers')
  // Element Plus puts the test id on the input itself.
  const box = page.getByTestId('seekers-q')
  await expect(box).toHaveAttribute('placeholder', '姓名、拼音、首字母、身份证或手机后 4 位')

  await box.fill('刘建')
  const byName = page.getByTestId('seeker-row').filter({ hasText: '刘建国' }).first()
  await page.getByTestId('seekers-search').click()
  await expect(byName).toBeVisible()
  await expect(byName.getByTestId('match-hit')).toHaveText('刘建')
  // Every row found is in the officer's township, and each name holds what was typed.
  for (const row of await page.getByTestId('seeker-row').all()) {
    await expect(row).toContainText('灵井镇')
    await expect(row.getByTestId('seeker-row-name')).toContainText('刘建')
  }
  await expectNoHorizontalScroll(page)

  await box.fill('ljg')
  await page.getByTestId('seekers-search').click()
  const byInitials = page.getByTestId('seeker-row').filter({ hasText: '刘建国' }).first()
  await expect(byInitials).toBeVisible()
  await expect(byInitials.getByTestId('match-reason')).toHaveText('首字母匹配')
  await expectNoHorizontalScroll(page)

  // One Latin letter finds too many people: said beside the box, and the list stays as it was.
  await box.fill('l')
  await page.getByTestId('seekers-search').click()
  await expect(page.getByTestId('seekers-q-error')).toHaveText('拼音或首字母请至少输入 2 个字母（1 个字母会找到太多人）')
  await expect(page.getByTestId('seeker-row').filter({ hasText: '刘建国' }).first()).toBeVisible()
})
