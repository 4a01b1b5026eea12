/** Smoothed bytes per second: an exponential moving average with a time constant, not a sample count. */
export class SpeedMeter {
  readonly #tauMs: number;
  #speed = 0;
  #lastBytes: number | undefined;
  #lastAt = 0;

  constructor(tauMs = 2000) {
    this.#tauMs = tauMs;
  }

  get speed(): number {
    return this.#speed;
  }

  sample(bytes: number, at: number): number {
    if (this.#lastBytes === undefined || bytes < this.#lastBytes) {
      this.#lastBytes = bytes;
      this.#lastAt = at;
      return this.#speed;
    }
    const dt = at - this.#lastAt;
    if (dt <= 0) return this.#speed;
    const instant = ((bytes - this.#lastBytes) * 1000) / dt;
    const alpha = 1 - Math.exp(-dt / this.#tauMs);
    this.#speed = this.#speed === 0 ? instant : this.#speed + alpha * (instant - this.#speed);
    this.#lastBytes = bytes;
    this.#lastAt = at;
    return this.#speed;
  }

  reset(): void {
    this.#speed = 0;
    this.#lastBytes = undefined;
  }
}

/** Seconds left at the current speed, or undefined when it cannot be known. */
export function estimateEta(remaining: number | undefined, speed: number): number | undefined {
  if (remaining === undefined || speed <= 0) return undefined;
  return remaining / speed;
}
