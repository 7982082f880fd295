/**
 * Per-request token lengths of a trace, counted in log-spaced bins (16 per doubling, each about
 * 4.4% wide) up to 2^24 tokens: quantiles of millions of requests in constant memory.
 */
export class LengthHistogram {
  /** Bins per doubling of the length. */
  static readonly PER_DOUBLING = 16;
  /** Bins: one for 0 tokens, then 16 per doubling from 1 to 2^24. */
  static readonly BINS = 1 + 24 * LengthHistogram.PER_DOUBLING;
  private readonly counts = new Float64Array(LengthHistogram.BINS);
  private total = 0;
  private sum = 0;
  private largest = 0;

  /** Records `weight` requests of `length` tokens. */
  add(length: number, weight = 1): void {
    if (!(weight > 0)) return;
    this.counts[binOf(length)] += weight;
    this.total += weight;
    this.sum += length * weight;
    if (length > this.largest) this.largest = length;
  }

  /** Adds another histogram's counts. */
  merge(other: LengthHistogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.sum += other.sum;
    this.largest = Math.max(this.largest, other.largest);
  }

  /** Requests recorded. */
  get count(): number {
    return this.total;
  }

  /** Mean length; 0 when nothing was recorded. */
  get mean(): number {
    return this.total > 0 ? this.sum / this.total : 0;
  }

  /** Longest length recorded. */
  get max(): number {
    return this.largest;
  }

  /**
   * The length `share` (0-1) of the requests stay within, interpolated geometrically inside its bin
   * (so within about 4.4% of the exact value); 0 when nothing was recorded.
   */
  quantile(share: number): number {
    if (this.total === 0) return 0;
    const wanted = Math.min(1, Math.max(0, share)) * this.total;
    let seen = 0;
    for (let bin = 0; bin < this.counts.length; bin++) {
      const count = this.counts[bin];
      if (count === 0) continue;
      if (seen + count >= wanted) {
        if (bin === 0) return 0;
        const [low, high] = boundsOf(bin);
        const within = count > 0 ? (wanted - seen) / count : 1;
        return Math.min(this.largest, low * (high / low) ** within);
      }
      seen += count;
    }
    return this.largest;
  }
}

function binOf(length: number): number {
  if (!(length >= 1)) return 0;
  return Math.min(LengthHistogram.BINS - 1, 1 + Math.floor(Math.log2(length) * LengthHistogram.PER_DOUBLING));
}

function boundsOf(bin: number): [number, number] {
  const low = 2 ** ((bin - 1) / LengthHistogram.PER_DOUBLING);
  return [low, low * 2 ** (1 / LengthHistogram.PER_DOUBLING)];
}
