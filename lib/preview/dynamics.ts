/**
 * The parameters of the preview's model of AWS, each with its default and where it comes from.
 * The command line can change every one (`npm run preview -- --help`).
 */
export interface ScalingDynamics {
  /**
   * One-minute datapoints above the target that raise a target tracking policy's high alarm.
   * @default 3 (the alarm Application Auto Scaling creates: 3 of 3 datapoints, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html)
   */
  readonly highDatapoints: number;
  /** Datapoints below lowRatio x target that raise its low alarm. @default 15 (15 of 15, same source) */
  readonly lowDatapoints: number;
  /**
   * Share of the target below which a datapoint counts toward the low alarm.
   * @default 0.9 ("typically more than 10% lower", https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html)
   */
  readonly lowRatio: number;
  /**
   * Minutes between the end of a metric's minute and the scaling action it causes: CloudWatch
   * publication, alarm evaluation and the scaling activity. A datapoint of minute t acts at minute
   * t + 1 + metricDelayMinutes. @default 3 (AWS measured 363 s from load change to a scale-out with
   * 60-second metrics, of which 3 datapoints are 180 s: https://aws.amazon.com/blogs/aws/amazon-ecs-introduces-new-high-resolution-metrics-for-faster-service-auto-scaling/)
   */
  readonly metricDelayMinutes: number;
  /**
   * Largest share (%) of the capacity one target tracking scale-in removes (at least one task).
   * AWS documents that target tracking "scales in more gradually" than out without a figure
   * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html);
   * the default is this preview's assumption, and 100 gives proportional scale-in.
   * @default 10
   */
  readonly scaleInStepPercent: number;
}

export const AWS_DYNAMICS: ScalingDynamics = {
  highDatapoints: 3,
  lowDatapoints: 15,
  lowRatio: 0.9,
  metricDelayMinutes: 3,
  scaleInStepPercent: 10,
};

/**
 * Predictive scaling as Application Auto Scaling documents it
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/aas-predictive-scaling-how-it-works.html):
 * forecasts need 24 hours of metric data, look at up to the past 14 days, give an hourly capacity
 * for the next 48 hours and are refreshed every 6 hours; the capacity is set at the start of each
 * hour (minus SchedulingBufferTime) and predictive scaling never scales in. GetPredictiveScalingForecast
 * calls the capacity forecast "the minimum capacity that is needed on an hourly basis"
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_GetPredictiveScalingForecast.html),
 * so the preview holds it as the hour's floor. The forecasting algorithm itself is not published:
 * the preview forecasts an hour as the mean load of the same hour of the day over the days it has.
 */
export const PREDICTIVE = {
  minimumHistoryHours: 24,
  historyDays: 14,
  forecastHours: 48,
  refreshHours: 6,
} as const;

/**
 * ECS managed scaling of a capacity provider's instances: it scales out when tasks cannot be
 * placed (CapacityProviderReservation above target) and in after 15 minutes below
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-auto-scaling.html; the
 * target tracking policy it creates on the Auto Scaling group has the 15-datapoint low alarm of
 * target tracking, https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html).
 */
export const MANAGED_SCALING = {
  scaleInMinutes: 15,
} as const;
