/** Requests that arrived evenly over [from, to] seconds and wait together. */
interface Cohort {
  count: number;
  from: number;
  to: number;
}

/** What the tasks did in one minute. */
export interface MinuteService {
  /** Requests a task took in the minute. */
  readonly served: number;
  /** Requests still waiting at the end of the minute. */
  readonly waiting: number;
  /** Mean wait of the requests served in the minute (seconds); 0 when none was. */
  readonly meanWaitSeconds: number;
}

/** Receives every group of requests a task takes: `count` requests whose waits spread evenly from `waitFrom` to `waitTo` seconds. */
export type ServedListener = (count: number, waitFrom: number, waitTo: number) => void;

/**
 * The service's requests as a first-come, first-served fluid queue. Each minute's requests arrive
 * evenly over the minute, the ready tasks take them at their combined capacity (requests per
 * minute, which the serving model sets each minute), and what they cannot reach waits for the next
 * minute with its arrival times kept, so every request's wait is exact under those assumptions.
 * For an LLM server the wait is the time before a sequence slot frees up (vLLM's waiting queue).
 */
export class RequestQueue {
  private readonly cohorts: Cohort[] = [];
  private head = 0;
  private queued = 0;

  /** Serves minute `minute` (seconds 60*minute to 60*minute+60) with `capacity` requests of room. */
  serveMinute(minute: number, arrivals: number, capacity: number, onServed?: ServedListener): MinuteService {
    const start = minute * 60;
    const end = start + 60;
    const rate = capacity / 60;
    let clock = start;
    let served = 0;
    let waitSum = 0;
    const record = (count: number, waitFirst: number, waitLast: number) => {
      if (count <= 0) return;
      const first = Math.max(0, waitFirst);
      const last = Math.max(0, waitLast);
      onServed?.(count, first, last);
      served += count;
      waitSum += (count * (first + last)) / 2;
    };

    // Requests that were already waiting go first.
    while (rate > 0 && clock < end && this.head < this.cohorts.length) {
      const c = this.cohorts[this.head];
      const needed = c.count / rate;
      if (clock + needed <= end) {
        record(c.count, clock - c.from, clock + needed - c.to);
        this.queued -= c.count;
        clock += needed;
        this.head++;
      } else {
        const share = ((end - clock) * rate) / c.count;
        const reached = c.from + share * (c.to - c.from);
        record(share * c.count, clock - c.from, end - reached);
        this.queued -= share * c.count;
        c.count *= 1 - share;
        c.from = reached;
        clock = end;
      }
    }

    // Then this minute's arrivals, which come evenly over the minute.
    if (arrivals > 0) {
      const arrivalRate = arrivals / 60;
      const busy = clock - start;
      // With spare capacity the tasks catch up with the arrivals at `caughtUp`, after which nobody waits.
      const caughtUp = rate > arrivalRate ? start + busy / (1 - arrivalRate / rate) : Infinity;
      if (rate === 0 || clock >= end) {
        this.push({ count: arrivals, from: start, to: end });
      } else if (caughtUp <= end) {
        const share = (caughtUp - start) / 60;
        record(share * arrivals, busy, 0);
        record((1 - share) * arrivals, 0, 0);
      } else {
        const share = Math.min(1, (rate * (end - clock)) / arrivals);
        const reached = start + share * 60;
        record(share * arrivals, busy, end - reached);
        if (share < 1) this.push({ count: (1 - share) * arrivals, from: reached, to: end });
      }
    }
    if (this.head > 1024 && this.head * 2 > this.cohorts.length) {
      this.cohorts.splice(0, this.head);
      this.head = 0;
    }
    if (this.queued < 1e-9) this.queued = 0;
    return { served, waiting: this.queued, meanWaitSeconds: served > 0 ? waitSum / served : 0 };
  }

  /** Requests waiting now. */
  get waiting(): number {
    return this.queued;
  }

  /**
   * Ends the replay at `endSeconds`: requests still waiting are handed to `onServed` with the wait
   * they have had so far (a lower bound; they were never served within the trace). Returns their number.
   */
  finish(endSeconds: number, onServed?: ServedListener): number {
    let unserved = 0;
    for (let i = this.head; i < this.cohorts.length; i++) {
      const c = this.cohorts[i];
      onServed?.(c.count, endSeconds - c.from, endSeconds - c.to);
      unserved += c.count;
    }
    this.cohorts.length = 0;
    this.head = 0;
    this.queued = 0;
    return unserved;
  }

  private push(cohort: Cohort): void {
    this.cohorts.push(cohort);
    this.queued += cohort.count;
  }
}
