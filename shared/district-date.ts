/** @deprecated import from shared/dates.ts, the one date module (kept for existing importers). */
export { districtDate } from './dates.js'
