// Work that can wait for a gap in the user's typing: the browser runs it once nothing more urgent
// (input, rendering, timers) is queued, or after `timeout` ms at the latest. Safari has no
// requestIdleCallback; a zero timeout at least lets queued input go first.

export function whenIdle(run: () => void, timeout = 200): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => run(), { timeout });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 0);
  return () => clearTimeout(handle);
}
