import type { MiddlewareHandler } from 'hono'
import { secureHeaders as honoSecureHeaders } from 'hono/secure-headers'
import {
  CROSS_ORIGIN_OPENER_POLICY,
  CSP_DIRECTIVES,
  DENIED_FEATURES,
  FRAME_OPTIONS,
  REFERRER_POLICY,
  STRICT_TRANSPORT_SECURITY,
} from '../security/headers.js'

/**
 * hono's secureHeaders configured from the one definition (functions/security/headers.ts). A header a
 * handler set itself is kept (`overwrite: false`): the API reference page sends its own CSP.
 */
export const securityHeaders = (): MiddlewareHandler =>
  honoSecureHeaders({
    contentSecurityPolicy: Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])),
    xContentTypeOptions: 'nosniff',
    referrerPolicy: REFERRER_POLICY,
    xFrameOptions: FRAME_OPTIONS,
    strictTransportSecurity: STRICT_TRANSPORT_SECURITY,
    crossOriginOpenerPolicy: CROSS_ORIGIN_OPENER_POLICY,
    permissionsPolicy: Object.fromEntries(DENIED_FEATURES.map((f) => [f, []])),
    overwrite: false,
  })
