/**
 * The security headers, defined once. The API (hono secureHeaders in functions/api/security-headers.ts),
 * the local server's portal responses and CloudFront's response headers policies (infra/web.ts) all
 * read these values. Plain data (node:crypto only): CDK synthesis reads this file too.
 */
import { createHash } from 'node:crypto'

export type CspDirectives = Record<string, readonly string[]>

/**
 * No inline script, no eval, nothing from another origin. Checked in Chromium against the built
 * portal (Vue, Element Plus, echarts): no violations with style-src 'self' alone, because Vue and
 * Element Plus set styles through the CSSOM (element.style), which style-src does not govern.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const satisfies CspDirectives

const kebab = (name: string) => name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)

/** The header value: `default-src 'self'; script-src 'self'; …`. */
export const contentSecurityPolicy = (directives: CspDirectives = CSP_DIRECTIVES): string =>
  Object.entries(directives)
    .map(([name, values]) => `${kebab(name)} ${values.join(' ')}`)
    .join('; ')

/** A CSP source for one inline `<style>` or `<script>` body: the page keeps working with no 'unsafe-inline'. */
export const cspHash = (body: string): string => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`

/** Full URL to our own origin, the origin alone elsewhere, nothing when leaving HTTPS. */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin' as const
export const FRAME_OPTIONS = 'DENY' as const
/** One year, subdomains included; sent only over HTTPS (CloudFront), browsers ignore it on http://127.0.0.1. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600
export const STRICT_TRANSPORT_SECURITY = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`
/** Features the portal never uses, refused for every frame. */
export const DENIED_FEATURES = ['camera', 'microphone', 'geolocation', 'payment', 'usb'] as const
export const PERMISSIONS_POLICY = DENIED_FEATURES.map((f) => `${f}=()`).join(', ')
export const CROSS_ORIGIN_OPENER_POLICY = 'same-origin'

/** Set by our CloudFront Function (infra/web.ts) from the viewer's address; forgeable on any other path. */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address'
/** Added by CloudFront to every origin request; its value is the origin secret (WENGANG_ORIGIN_SECRET). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify'

/** Every header and its value, as a response carries them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': REFERRER_POLICY,
  'X-Frame-Options': FRAME_OPTIONS,
  'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY,
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': CROSS_ORIGIN_OPENER_POLICY,
}
