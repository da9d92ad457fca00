/**
 * Runs `fn` once the next frame is on screen: a requestAnimationFrame callback runs just before the
 * frame is painted, a task it queues runs after. For reads a page can show without (a post's place
 * names), so they do not hold up its first paint on a slow phone.
 */
export function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0))
}
