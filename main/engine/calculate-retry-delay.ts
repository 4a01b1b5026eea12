import { type HaulError, isRetryable } from '../../shared/errors.js';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A server asking for longer than this is not waited for blindly; we wait this long instead. */
  readonly maxRetryAfterMs: number;
}

/**
 * A host name that does not resolve is most likely a typo or no network at all: curl, wget and
 * aria2c give up at once. One quick second try covers a resolver's hiccup.
 */
export const HOST_NOT_FOUND_ATTEMPTS = 2;
const HOST_NOT_FOUND_DELAY_MS = 300;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
};

/**
 * How long to wait before attempt `attempt + 1`, or undefined to give up.
 * `attempt` counts the attempts made so far (1 after the first failure).
 * Exponential backoff with full jitter (AWS architecture blog), unless the server said when.
 */
export function calculateRetryDelay(attempt: number, error: HaulError, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (!isRetryable(error)) return undefined;
  if (attempt >= policy.attempts) return undefined;
  if (error.code === 'HOST_NOT_FOUND') return attempt >= HOST_NOT_FOUND_ATTEMPTS ? undefined : Math.floor(random() * HOST_NOT_FOUND_DELAY_MS);
  if (error.retryAfterMs !== undefined) {
    return Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}
