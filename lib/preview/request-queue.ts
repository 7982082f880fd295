import { WaitStats } from "./wait-stats";

/** Requests that arrived evenly over [from, to] seconds and wait together, with their work. */
interface Cohort {
  count: number;
  work: number;
  from: number;
  to: number;
}

/** What the tasks did in one minute. */
export interface MinuteService {
  /** Requests a task took in the minute. */
  readonly served: number;
  /** Their work. */
  readonly workServed: number;
  /** Requests still waiting at the end of the minute. */
  readonly waiting: number;
  /** Mean wait of the requests served in the minute (seconds); 0 when none was. */
  readonly meanWaitSeconds: number;
}

/**
 * The service's requests as a first-come, first-served fluid queue. Each minute's requests
 * arrive evenly over the minute, the ready tasks work through the queue at their combined
 * capacity (work per second), and what they cannot reach waits for the next minute with its
 * arrival times kept, so every request's wait is exact under those assumptions. Work is requests,
 * or tokens when a task's capacity is in tokens (a minute's tokens spread evenly over its requests).
 */
export class RequestQueue {
  private readonly cohorts: Cohort[] = [];
  private head = 0;
  private queued = 0;
  readonly waits = new WaitStats();

  /** Serves minute `minute` (seconds 60*minute to 60*minute+60) with `capacity` work available. */
  serveMinute(minute: number, arrivals: number, work: number, capacity: number): MinuteService {
    const start = minute * 60;
    const end = start + 60;
    const rate = capacity / 60;
    let clock = start;
    let served = 0;
    let workServed = 0;
    let waitSum = 0;
    const record = (count: number, cohortWork: number, waitFirst: number, waitLast: number) => {
      this.waits.add(count, waitFirst, waitLast);
      served += count;
      workServed += cohortWork;
      waitSum += (count * (Math.max(0, waitFirst) + Math.max(0, waitLast))) / 2;
    };

    // Requests that were already waiting go first.
    while (rate > 0 && clock < end && this.head < this.cohorts.length) {
      const c = this.cohorts[this.head];
      const needed = c.work / rate;
      if (clock + needed <= end) {
        record(c.count, c.work, clock - c.from, clock + needed - c.to);
        this.queued -= c.count;
        clock += needed;
        this.head++;
      } else {
        const share = ((end - clock) * rate) / c.work;
        const reached = c.from + share * (c.to - c.from);
        record(share * c.count, share * c.work, clock - c.from, end - reached);
        this.queued -= share * c.count;
        c.count *= 1 - share;
        c.work *= 1 - share;
        c.from = reached;
        clock = end;
      }
    }

    // Then this minute's arrivals, which come evenly over the minute.
    if (arrivals > 0) {
      const workRate = work / 60;
      const busy = clock - start;
      // With spare capacity the tasks catch up with the arrivals at `caughtUp`, after which nobody waits.
      const caughtUp = rate > workRate ? start + busy / (1 - workRate / rate) : Infinity;
      if (rate === 0 || clock >= end) {
        this.push({ count: arrivals, work, from: start, to: end });
      } else if (caughtUp <= end) {
        const share = (caughtUp - start) / 60;
        record(share * arrivals, share * work, busy, 0);
        record((1 - share) * arrivals, (1 - share) * work, 0, 0);
      } else {
        const share = workRate > 0 ? Math.min(1, (rate * (end - clock)) / (workRate * 60)) : 1;
        const reached = start + share * 60;
        record(share * arrivals, share * work, busy, end - reached);
        if (share < 1) this.push({ count: (1 - share) * arrivals, work: (1 - share) * work, from: reached, to: end });
      }
    }
    if (this.head > 1024 && this.head * 2 > this.cohorts.length) {
      this.cohorts.splice(0, this.head);
      this.head = 0;
    }
    return { served, workServed, waiting: Math.max(0, this.queued), meanWaitSeconds: served > 0 ? waitSum / served : 0 };
  }

  /** Requests waiting now. */
  get waiting(): number {
    return Math.max(0, this.queued);
  }

  /**
   * Ends the replay at `endSeconds`: requests still waiting are recorded with the wait they have
   * had so far (a lower bound; they were never served within the trace). Returns their number.
   */
  finish(endSeconds: number): number {
    let unserved = 0;
    for (let i = this.head; i < this.cohorts.length; i++) {
      const c = this.cohorts[i];
      this.waits.add(c.count, endSeconds - c.from, endSeconds - c.to);
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
