/** A link opens in the browser only this soon after the person clicked or pressed a key in the window. */
export const GESTURE_WINDOW_MS = 1000;

/**
 * Whether the app may hand `url` to the system's browser: only http(s), and only right after a
 * user gesture in the window, so a compromised page cannot open URLs (or apps, through custom
 * schemes) by itself.
 */
export function mayOpenExternal(url: string, lastGestureAt: number | undefined, now: number): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return lastGestureAt !== undefined && now - lastGestureAt >= 0 && now - lastGestureAt <= GESTURE_WINDOW_MS;
}

/** Input events that count as a person acting (Electron's input-event types). */
export function isGesture(type: string): boolean {
  return type === 'mouseDown' || type === 'mouseUp' || type === 'keyDown' || type === 'rawKeyDown' || type === 'char' || type === 'gestureTap';
}
