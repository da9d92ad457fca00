import { inflateRawSync } from 'node:zlib'
import { SaxesParser } from 'saxes'

/**
 * Reads an .xlsx without exceljs (which wrote it): a minimal zip reader over node:zlib (central
 * directory → local headers → stored or deflated data), then every XML part through saxes, a
 * strict XML 1.0 parser, plus an explicit check of the Char production on the decoded text.
 */
export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  if (eocd < 0) throw new Error('not a zip: no end of central directory')
  const entries = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  const files = new Map<string, Buffer>()
  for (let i = 0; i < entries; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry')
    const method = buf.readUInt16LE(at + 10)
    const size = buf.readUInt32LE(at + 20)
    const nameLen = buf.readUInt16LE(at + 28)
    const extraLen = buf.readUInt16LE(at + 30)
    const commentLen = buf.readUInt16LE(at + 32)
    const local = buf.readUInt32LE(at + 42)
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen)
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + size)
    if (method !== 0 && method !== 8) throw new Error(`unknown compression ${method} for ${name}`)
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data))
    at += 46 + nameLen + extraLen + commentLen
  }
  return files
}

const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)

/** Every problem found in the workbook's XML parts (empty when a strict reader opens it), and its text. */
export function readBack(xlsx: Buffer): { problems: string[]; text: string[] } {
  const problems: string[] = []
  const text: string[] = []
  const parts = unzip(xlsx)
  for (const [name, bytes] of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue
    const xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    for (const ch of xml) if (!isXmlChar(ch.codePointAt(0)!)) problems.push(`${name}: U+${ch.codePointAt(0)!.toString(16).toUpperCase()} is not an XML 1.0 character`)
    const parser = new SaxesParser({ xmlns: true })
    parser.on('error', (e) => problems.push(`${name}: ${e.message}`))
    parser.on('text', (t) => text.push(t))
    parser.write(xml).close()
  }
  if (!parts.has('xl/workbook.xml') || ![...parts.keys()].some((n) => n.startsWith('xl/worksheets/'))) problems.push('no workbook or worksheet part')
  return { problems, text }
}
