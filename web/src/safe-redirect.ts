/** Only same-site paths: `?redirect=//evil.example` or `https://…` must not take anyone away after sign-in. */
export function safeRedirect(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.startsWith('/')) return null
  if (raw.startsWith('//') || raw.startsWith('/\\')) return null
  return raw
}
