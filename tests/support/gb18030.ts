/** Encodes the handful of characters these tests use as GB18030 (GBK code points). */
export function gb18030(s: string): Uint8Array {
  const map = gbkMap()
  const out: number[] = []
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0))
    else {
      const code = map.get(ch)
      if (code === undefined) throw new Error(`no GBK code for ${ch} in the test table`)
      out.push(code >> 8, code & 0xff)
    }
  }
  return new Uint8Array(out)
}
function gbkMap(): Map<string, number> {
  // Built by decoding every two-byte GBK code once: the decoder is the reference, not a table typed here.
  const dec = new TextDecoder('gb18030')
  const m = new Map<string, number>()
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = dec.decode(new Uint8Array([hi, lo]))
      if (ch.length === 1 && !m.has(ch)) m.set(ch, (hi << 8) | lo)
    }
  return m
}

