/**
 * GPU metrics of EC2 GPU hosts, published by the CloudWatch agent's nvidia_gpu plugin (it runs
 * nvidia-smi). Metric names: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-NVIDIA-GPU.html
 * The agent is the amazon-cloudwatch-agent package of Amazon Linux 2023, installed from the
 * instances' user data. Pure data: the user data, the instance role and the dashboard read it.
 */

/** Namespace the hosts' agent publishes to (the instance role may put metrics in this one only). */
export const GPU_HOST_NAMESPACE = "GPUHosts";

/** nvidia_gpu measurements collected, and the CloudWatch names the agent gives them. */
export const GPU_HOST_METRICS = {
  utilization: { measurement: "utilization_gpu", metricName: "nvidia_smi_utilization_gpu", label: "GPU utilization (%)" },
  memoryUtilization: { measurement: "utilization_memory", metricName: "nvidia_smi_utilization_memory", label: "GPU memory activity (%)" },
  memoryUsed: { measurement: "memory_used", metricName: "nvidia_smi_memory_used", label: "GPU memory used (MiB)" },
  memoryTotal: { measurement: "memory_total", metricName: "nvidia_smi_memory_total", label: "GPU memory total (MiB)" },
} as const;

/** Seconds between the agent's samples. */
export const GPU_METRICS_INTERVAL_SECONDS = 60;

/** The agent's configuration: the GPU measurements, aggregated per Auto Scaling group (what the dashboard reads). */
export function gpuAgentConfig(): Record<string, unknown> {
  return {
    agent: { metrics_collection_interval: GPU_METRICS_INTERVAL_SECONDS, run_as_user: "root" },
    metrics: {
      namespace: GPU_HOST_NAMESPACE,
      // The agent fills these from the instance (the user data escapes them from Terraform).
      append_dimensions: { AutoScalingGroupName: "${aws:AutoScalingGroupName}", InstanceId: "${aws:InstanceId}" },
      aggregation_dimensions: [["AutoScalingGroupName"]],
      metrics_collected: {
        nvidia_gpu: { measurement: Object.values(GPU_HOST_METRICS).map((m) => m.measurement) },
      },
    },
  };
}
