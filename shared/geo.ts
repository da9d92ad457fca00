/**
 * Jian'an District (建安区), Xuchang, Henan: its townships (乡镇) and villages (村).
 * Township names are the district's own; coordinates are approximate centres; village
 * names are illustrative placeholders until the bureau's roster is imported.
 */
export interface Township {
  code: string
  name: string
  nameEn: string
  lat: number
  lng: number
}

export interface Village {
  code: string
  township: string
  name: string
  lat: number
  lng: number
}

export const DISTRICT = { code: 'jianan', name: '建安区', nameEn: "Jian'an District", city: '许昌市' } as const

export const TOWNSHIPS: readonly Township[] = [
  { code: 'xinyuan', name: '新元街道', nameEn: 'Xinyuan Subdistrict', lat: 34.062, lng: 113.83 },
  { code: 'changcunzhang', name: '长村张街道', nameEn: 'Changcunzhang Subdistrict', lat: 34.078, lng: 113.872 },
  { code: 'wunvdian', name: '五女店镇', nameEn: 'Wunüdian Town', lat: 34.132, lng: 113.951 },
  { code: 'jiangguanchi', name: '将官池镇', nameEn: 'Jiangguanchi Town', lat: 34.101, lng: 113.893 },
  { code: 'shangji', name: '尚集镇', nameEn: 'Shangji Town', lat: 34.124, lng: 113.752 },
  { code: 'suqiao', name: '苏桥镇', nameEn: 'Suqiao Town', lat: 34.181, lng: 113.783 },
  { code: 'jiangliji', name: '蒋李集镇', nameEn: 'Jiangliji Town', lat: 34.172, lng: 113.968 },
  { code: 'zhangpan', name: '张潘镇', nameEn: 'Zhangpan Town', lat: 34.031, lng: 113.949 },
  { code: 'lingjing', name: '灵井镇', nameEn: 'Lingjing Town', lat: 34.021, lng: 113.718 },
  { code: 'chencao', name: '陈曹乡', nameEn: 'Chencao Township', lat: 34.052, lng: 113.676 },
  { code: 'dengzhuang', name: '邓庄乡', nameEn: 'Dengzhuang Township', lat: 33.982, lng: 113.762 },
  { code: 'xiaozhao', name: '小召乡', nameEn: 'Xiaozhao Township', lat: 34.083, lng: 113.658 },
  { code: 'hejie', name: '河街乡', nameEn: 'Hejie Township', lat: 34.104, lng: 113.724 },
  { code: 'guicun', name: '桂村乡', nameEn: 'Guicun Township', lat: 34.071, lng: 113.603 },
  { code: 'shenjian', name: '椹涧乡', nameEn: 'Shenjian Township', lat: 33.951, lng: 113.702 },
  { code: 'yulin', name: '榆林乡', nameEn: 'Yulin Township', lat: 33.962, lng: 113.851 },
  { code: 'aizhuang', name: '艾庄回族乡', nameEn: 'Aizhuang Hui Township', lat: 33.984, lng: 113.953 },
]

// Eight villages a township; the stems are common Henan village names.
const STEMS = '王庄 李营 张湾 刘寨 陈楼 杨店 赵岗 孙桥 周庄 吴集 徐堂 胡庄 郭村 马庄 朱湾 何寨'.split(' ')

export const VILLAGES: readonly Village[] = TOWNSHIPS.flatMap((t, ti) =>
  Array.from({ length: 8 }, (_, i) => {
    const stem = STEMS[(ti * 3 + i * 5) % STEMS.length]!
    // A ring of villages around the township centre, 2–6 km out.
    const angle = (i / 8) * 2 * Math.PI + ti
    const km = 2 + ((ti + i) % 5)
    return {
      code: `${t.code}-${String(i + 1).padStart(2, '0')}`,
      township: t.code,
      name: `${t.name.replace(/(街道|镇|回族乡|乡)$/, '')}${stem}村`,
      lat: Math.round((t.lat + (km / 111) * Math.sin(angle)) * 1e4) / 1e4,
      lng: Math.round((t.lng + (km / 92) * Math.cos(angle)) * 1e4) / 1e4,
    }
  }),
)

export const TOWNSHIP_CODES = TOWNSHIPS.map((t) => t.code) as [string, ...string[]]
export const townshipByCode = new Map(TOWNSHIPS.map((t) => [t.code, t]))
export const villageByCode = new Map(VILLAGES.map((v) => [v.code, v]))

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}
