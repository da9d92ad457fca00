import ExcelJS from 'exceljs'

/** A downloaded .xlsx as a spreadsheet program shows it: the header row (row 2, under the title) and the data rows. */
export async function readSheet(file: string): Promise<{ title: string; headers: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets[0]!
  const values = (n: number) => ((ws.getRow(n).values as unknown[]) ?? []).slice(1)
  const rows: unknown[][] = []
  for (let n = 3; n <= ws.rowCount; n++) rows.push(values(n))
  return { title: String(ws.getCell(1, 1).value ?? ''), headers: values(2).map(String), rows: rows.filter((r) => typeof r[0] === 'number') }
}
