import { describe, expect, it } from 'vitest'
import { householdsOf, type PersonRow } from '../../shared/import/people.js'

const person = (row: number, name: string, idNumber: string, village: string, household?: PersonRow['household']): PersonRow => ({
  row,
  name,
  idNumber,
  category: 'alleviated',
  laborCapacity: 'full',
  education: 'junior',
  township: village.split('-')[0]!,
  village,
  ...(household ? { household } : {}),
})
const idOf = (h: NonNullable<PersonRow['household']>) => (h.householdNo ? `HH-${h.householdNo}` : h.householderId ? `H-${h.householderId}` : undefined)

describe('households a roster names (一户一档)', () => {
  it('one per household, placed and named by the householder’s own row wherever it is', () => {
    const hs = householdsOf(
      [
        person(1, '李小花', 'B', 'lingjing-03', { householderId: 'A' }),
        person(2, '张大山', 'A', 'lingjing-02', { householderId: 'A' }),
        person(3, '张明', 'C', 'lingjing-02', { householderId: 'A' }),
        person(4, '王老五', 'D', 'lingjing-04', { householderId: 'D' }),
      ],
      idOf,
    )
    expect(hs).toEqual([
      { id: 'H-A', township: 'lingjing', village: 'lingjing-02', headName: '张大山' },
      { id: 'H-D', township: 'lingjing', village: 'lingjing-04', headName: '王老五' },
    ])
  })

  it('without the householder’s row: the 户主姓名 column names them, the first member places them; neither, no name', () => {
    const hs = householdsOf(
      [
        person(1, '李小花', 'B', 'lingjing-03', { householdNo: '7', householderName: '张大山' }),
        person(2, '张明', 'C', 'lingjing-02', { householdNo: '7' }),
        person(3, '孤单', 'E', 'lingjing-05', { householderId: 'X' }),
        person(4, '无户', 'F', 'lingjing-05'),
      ],
      idOf,
    )
    expect(hs).toEqual([
      { id: 'HH-7', township: 'lingjing', village: 'lingjing-03', headName: '张大山' },
      { id: 'H-X', township: 'lingjing', village: 'lingjing-05' },
    ])
  })
})
