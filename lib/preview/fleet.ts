/**
 * The tasks of one service through their life, and (for GPU compute) the EC2 instances under them:
 *
 *   desired -> [waiting for an instance] -> pulling the image -> RUNNING, loading the model
 *           -> healthy in the target group (serving) -> [scale-in] draining -> stopped
 *
 * Phases last whole seconds, so a task that turns healthy 15 s into a minute serves 45/60 of it;
 * per-minute figures are averages over the minute, as CloudWatch's Average statistic reports them.
 * Sources, per phase:
 * - ECS task lifecycle (PROVISIONING, PENDING, RUNNING, DEACTIVATING, STOPPING):
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html
 * - a target is healthy after it passes a health check (one interval after it starts answering):
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 * - a deregistering target drains for the deregistration delay before the task stops:
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#deregistration-delay
 * - capacity providers keep CapacityProviderReservation = instances needed / instances running
 *   x 100 at targetCapacity, so targetCapacity 90 runs about 11% spare instances; new instances
 *   launch when tasks cannot be placed and count after the instance warm-up:
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-auto-scaling.html,
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-scaling-behavior.html
 */

/** How long each phase of a task's start and stop lasts. */
export interface TaskPhases {
  /** Seconds from launch until the container runs: image pull (and, on Fargate, provisioning). */
  readonly pullSeconds: number;
  /** Seconds from RUNNING until the server answers: loading the model. */
  readonly loadSeconds: number;
  /** Seconds from answering until the load balancer counts it healthy (one health check interval); 0 for queue workers. */
  readonly healthSeconds: number;
  /** Seconds a removed task keeps running (and billing) while the load balancer drains it (deregistration delay); 0 for workers. */
  readonly drainSeconds: number;
}

/** GPU compute: tasks need a slot on an EC2 instance of the capacity provider. */
export interface InstanceSettings {
  /** Tasks one instance holds. */
  readonly tasksPerInstance: number;
  /** The capacity provider's targetCapacity (%): instances run = ceil(needed x 100 / targetCapacity). */
  readonly targetCapacity: number;
  /** Seconds from an instance's launch until tasks can be placed on it (boot, ECS agent, warm-up). */
  readonly launchSeconds: number;
  /** Minutes managed scaling takes to react to tasks that cannot be placed (the metric delay and one datapoint). */
  readonly reactionMinutes: number;
  /** Minutes of spare instances beyond the target before managed scaling removes them (its scale-in alarm). */
  readonly scaleInMinutes: number;
}

/** The fleet during one minute, averaged over it. */
export interface FleetMinute {
  /** Tasks healthy and serving (fractional: a task ready mid-minute counts for its share). */
  readonly ready: number;
  /** RUNNING tasks: loading, serving or draining (ECS CPU and Container Insights RunningTaskCount count these). */
  readonly running: number;
  /** Tasks billed on Fargate: from launch (image pull) until stopped, draining included. */
  readonly billed: number;
  /** The service's desired count. */
  readonly desired: number;
  /** EC2 instances running (launching included); 0 without GPU compute. */
  readonly instances: number;
}

interface Cohort {
  count: number;
  /** Second the task launched (placed on an instance); undefined while it waits for one. */
  launchedAt?: number;
}

interface Draining {
  count: number;
  until: number;
}

interface InstanceCohort {
  count: number;
  readyAt: number;
}

/** The tasks (and instances) of one service; `setDesired` and `minute` drive it. */
export class Fleet {
  private readonly cohorts: Cohort[] = [];
  private readonly draining: Draining[] = [];
  private readonly instanceCohorts: InstanceCohort[] = [];
  private desired = 0;
  private spareSince = -1;
  /** Instance launches decided but not yet started (managed scaling's reaction time). */
  private readonly plannedLaunches: Array<{ at: number; count: number }> = [];

  constructor(
    private readonly phases: TaskPhases,
    private readonly instances?: InstanceSettings,
  ) {}

  /** Starts with `count` tasks serving since long ago (and the instances they and the headroom need). */
  warm(count: number): void {
    this.desired = count;
    if (count > 0) this.cohorts.push({ count, launchedAt: -1e9 });
    if (this.instances) {
      const needed = this.instancesWanted(count);
      if (needed > 0) this.instanceCohorts.push({ count: needed, readyAt: -1e9 });
    }
  }

  /** The desired count. */
  get desiredCount(): number {
    return this.desired;
  }

  /**
   * Sets the desired count at second `now`: new tasks launch (or wait for an instance); fewer
   * tasks stop those still waiting or starting first (newest first), then serving ones, which drain.
   */
  setDesired(desired: number, now: number): void {
    const current = this.desired;
    this.desired = desired;
    if (desired > current) {
      this.cohorts.push(this.instances ? { count: desired - current } : { count: desired - current, launchedAt: now });
      return;
    }
    let remove = current - desired;
    const readyAt = (c: Cohort) => (c.launchedAt === undefined ? Infinity : c.launchedAt + this.startSeconds);
    // Newest (latest ready) first: waiting, then starting, then serving.
    const order = [...this.cohorts].sort((a, b) => readyAt(b) - readyAt(a));
    for (const cohort of order) {
      if (remove <= 0) break;
      const taken = Math.min(remove, cohort.count);
      cohort.count -= taken;
      remove -= taken;
      const serving = cohort.launchedAt !== undefined && readyAt(cohort) <= now;
      if (serving && this.phases.drainSeconds > 0) this.draining.push({ count: taken, until: now + this.phases.drainSeconds });
    }
    for (let i = this.cohorts.length - 1; i >= 0; i--) if (this.cohorts[i].count <= 0) this.cohorts.splice(i, 1);
  }

  /** Advances through minute `t` (seconds 60t to 60t+60) and reports it. */
  minute(t: number): FleetMinute {
    const start = t * 60;
    const end = start + 60;
    if (this.instances) this.manageInstances(t, start);
    let ready = 0;
    let running = 0;
    let billed = 0;
    const share = (from: number) => Math.min(1, Math.max(0, (end - from) / 60));
    // Tasks serving since before this minute are one cohort: the list stays as short as the tasks still starting.
    let serving = -1;
    for (let k = this.cohorts.length - 1; k >= 0; k--) {
      const c = this.cohorts[k];
      if (c.launchedAt === undefined || c.launchedAt + this.startSeconds > start) continue;
      if (serving < 0) {
        serving = k;
        c.launchedAt = -1e9;
      } else {
        this.cohorts[serving].count += c.count;
        this.cohorts.splice(k, 1);
        serving--;
      }
    }
    for (const c of this.cohorts) {
      if (c.launchedAt === undefined) continue;
      const runningAt = c.launchedAt + this.phases.pullSeconds;
      ready += c.count * share(runningAt + this.phases.loadSeconds + this.phases.healthSeconds);
      running += c.count * share(runningAt);
      billed += c.count * share(c.launchedAt);
    }
    for (let i = this.draining.length - 1; i >= 0; i--) {
      const d = this.draining[i];
      const left = Math.min(1, Math.max(0, (d.until - start) / 60));
      running += d.count * left;
      billed += d.count * left;
      if (d.until <= end) this.draining.splice(i, 1);
    }
    let instances = 0;
    for (const c of this.instanceCohorts) instances += c.count;
    return { ready, running, billed, desired: this.desired, instances };
  }

  /** Seconds from launch until serving. */
  get startSeconds(): number {
    return this.phases.pullSeconds + this.phases.loadSeconds + this.phases.healthSeconds;
  }

  /** Instances managed scaling wants for `tasks` tasks (ceil(needed x 100 / targetCapacity)). */
  private instancesWanted(tasks: number): number {
    const settings = this.instances!;
    const needed = Math.ceil(tasks / settings.tasksPerInstance - 1e-9);
    return Math.ceil((needed * 100) / settings.targetCapacity - 1e-9);
  }

  /** Places waiting tasks on free instance slots, and scales the instances the way managed scaling does. */
  private manageInstances(t: number, now: number): void {
    const settings = this.instances!;
    for (let i = this.plannedLaunches.length - 1; i >= 0 && this.plannedLaunches.length > 0; i--) {
      const plan = this.plannedLaunches[i];
      if (plan.at <= t) {
        this.instanceCohorts.push({ count: plan.count, readyAt: now + settings.launchSeconds });
        this.plannedLaunches.splice(i, 1);
      }
    }
    let drainingTasks = 0;
    for (const d of this.draining) drainingTasks += d.count;
    let placed = drainingTasks;
    for (const c of this.cohorts) if (c.launchedAt !== undefined) placed += c.count;
    // Slots on instances up by the end of this minute; a task placed there launches when its instance is up.
    let up = 0;
    let upAt = now;
    for (const c of this.instanceCohorts) {
      if (c.readyAt > now + 59) continue;
      up += c.count;
      if (c.readyAt > upAt) upAt = c.readyAt;
    }
    let free = up * settings.tasksPerInstance - placed;
    const waiting = this.cohorts.length;
    for (let k = 0; k < waiting && free > 0; k++) {
      const c = this.cohorts[k];
      if (c.launchedAt !== undefined) continue;
      if (c.count <= free) {
        c.launchedAt = upAt;
        free -= c.count;
      } else {
        this.cohorts.push({ count: c.count - free });
        c.count = free;
        c.launchedAt = upAt;
        free = 0;
      }
    }
    // Managed scaling: launch what the tasks (placed or waiting) and the headroom need; remove spare
    // instances after scaleInMinutes of wanting fewer.
    let tasks = drainingTasks;
    for (const c of this.cohorts) tasks += c.count;
    const wanted = this.instancesWanted(tasks);
    let running = 0;
    for (const c of this.instanceCohorts) running += c.count;
    let have = running;
    for (const p of this.plannedLaunches) have += p.count;
    if (wanted > have) {
      this.plannedLaunches.push({ at: t + settings.reactionMinutes, count: wanted - have });
      this.spareSince = -1;
    } else if (wanted < have) {
      if (this.spareSince < 0) this.spareSince = t;
      if (t - this.spareSince >= settings.scaleInMinutes) {
        const busy = Math.ceil(placed / settings.tasksPerInstance - 1e-9);
        let remove = Math.min(have - wanted, running - busy);
        for (let i = this.instanceCohorts.length - 1; i >= 0 && remove > 0; i--) {
          const taken = Math.min(remove, this.instanceCohorts[i].count);
          this.instanceCohorts[i].count -= taken;
          remove -= taken;
          if (this.instanceCohorts[i].count === 0) this.instanceCohorts.splice(i, 1);
        }
        this.spareSince = -1;
      }
    } else this.spareSince = -1;
  }
}
