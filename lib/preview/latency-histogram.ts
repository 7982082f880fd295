/**
 * A latency distribution in log-spaced bins (1% wide, from 1 ms to about 28 hours) filled with
 * uniform pieces: percentiles for the report in constant memory, exact to about 1%.
 */
export class LatencyHistogram {
  private static readonly LOW = 0.001;
  private static readonly RATIO = 1.01;
  private static readonly BINS = Math.ceil(Math.log(1e5 / LatencyHistogram.LOW) / Math.log(LatencyHistogram.RATIO));
  private readonly counts = new Float64Array(LatencyHistogram.BINS + 1);
  private total = 0;

  /** `count` requests whose latencies spread evenly from `from` to `to` seconds. */
  add(count: number, from: number, to: number): void {
    if (!(count > 0)) return;
    this.total += count;
    const low = Math.max(0, Math.min(from, to));
    const high = Math.max(0, from, to);
    const first = binOf(low);
    const last = binOf(high);
    if (first === last || high - low < 1e-9) {
      this.counts[last] += count;
      return;
    }
    for (let bin = first; bin <= last; bin++) {
      const [a, b] = boundsOf(bin);
      const overlap = Math.min(b, high) - Math.max(a, low);
      if (overlap > 0) this.counts[bin] += (count * overlap) / (high - low);
    }
  }

  get count(): number {
    return this.total;
  }

  /** The latency `share` (0-1) of requests stay within (the upper edge of its bin); 0 when empty. */
  percentile(share: number): number {
    if (this.total === 0) return 0;
    const wanted = share * this.total;
    let seen = 0;
    for (let bin = 0; bin < this.counts.length; bin++) {
      seen += this.counts[bin];
      if (seen >= wanted - 1e-9) return bin === 0 ? 0 : boundsOf(bin)[1];
    }
    return boundsOf(this.counts.length - 1)[1];
  }
}

function binOf(seconds: number): number {
  if (seconds < 0.001) return 0;
  return Math.min(Math.ceil(Math.log(1e5 / 0.001) / Math.log(1.01)), 1 + Math.floor(Math.log(seconds / 0.001) / Math.log(1.01)));
}

function boundsOf(bin: number): [number, number] {
  if (bin === 0) return [0, 0.001];
  const low = 0.001 * 1.01 ** (bin - 1);
  return [low, low * 1.01];
}
