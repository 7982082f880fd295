/**
 * Waiting times of every request, kept exactly: the fluid queue hands out groups of requests
 * whose waits spread evenly between two values, so the distribution is a sum of uniform pieces.
 * Percentiles are found by bisection on that exact distribution.
 */
export class WaitStats {
  private zero = 0;
  private readonly mass: number[] = [];
  private readonly low: number[] = [];
  private readonly high: number[] = [];
  private total = 0;

  /** Records `count` requests whose waits spread evenly from `from` to `to` seconds. */
  add(count: number, from: number, to: number): void {
    if (count <= 0) return;
    const lo = Math.max(0, Math.min(from, to));
    const hi = Math.max(0, from, to);
    this.total += count;
    if (hi <= 1e-9) {
      this.zero += count;
      return;
    }
    this.mass.push(count);
    this.low.push(lo);
    this.high.push(hi);
  }

  /** Requests recorded. */
  get count(): number {
    return this.total;
  }

  /** Requests that waited at most `seconds`. */
  countWithin(seconds: number): number {
    let within = this.zero;
    for (let i = 0; i < this.mass.length; i++) within += this.mass[i] * fractionBelow(this.low[i], this.high[i], seconds);
    return within;
  }

  /** The wait `share` (0-1) of the requests stayed within, in seconds; 0 when nothing was recorded. */
  percentile(share: number): number {
    if (this.total === 0) return 0;
    const wanted = share * this.total;
    if (this.zero >= wanted) return 0;
    let lo = 0;
    let hi = 0;
    for (const value of this.high) hi = Math.max(hi, value);
    for (let i = 0; i < 100 && hi - lo > 1e-9 * Math.max(1, hi); i++) {
      const mid = (lo + hi) / 2;
      if (this.countWithin(mid) >= wanted) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

/** Share of a uniform spread over [low, high] that is at most x. */
function fractionBelow(low: number, high: number, x: number): number {
  if (x >= high) return 1;
  if (x < low) return 0;
  return high === low ? 1 : (x - low) / (high - low);
}
