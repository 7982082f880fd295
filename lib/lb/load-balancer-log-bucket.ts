import { Construct } from "constructs";
import { elbLogDeliveryPrincipal, elbLogKeyPrefix } from "../aws/elb-log-delivery";
import type { PolicyStatement } from "../iam/policy-document";
import { AccessLogBucket } from "../logs/access-log-bucket";

export interface LoadBalancerLogBucketProps {
  /** Bucket name (may hold a Terraform reference, e.g. the account id). */
  readonly bucket: string;
  /** Region of the load balancer; the bucket must be in it. */
  readonly region: string;
  /** Partition of the Region, for ARNs. */
  readonly partition: string;
  /** The account the load balancer belongs to (its logs go under AWSLogs/<account id>/). */
  readonly accountId: string;
  /** Key prefix of the logs. @default none */
  readonly prefix?: string;
  /** Keep the bucket when the stack is destroyed. @default true */
  readonly preventDestroy?: boolean;
}

/**
 * The bucket an environment's load balancer writes its access logs to: an {@link AccessLogBucket}
 * (SSE-S3, the only encryption load balancer log delivery supports; versioned, private, TLS only,
 * logs expire) whose policy lets Elastic Load Balancing's log delivery for the Region put objects
 * under `<prefix>/AWSLogs/<account id>/` and nowhere else.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#attach-bucket-policy
 */
export class LoadBalancerLogBucket extends Construct {
  public readonly logs: AccessLogBucket;

  constructor(scope: Construct, id: string, props: LoadBalancerLogBucketProps) {
    super(scope, id);
    this.logs = new AccessLogBucket(this, "logs", {
      bucket: props.bucket,
      region: props.region,
      partition: props.partition,
      writers: [loadBalancerLogWriter(props)],
      preventDestroy: props.preventDestroy,
      tags: { Purpose: "load-balancer-access-logs" },
    });
    this.node.defaultChild = this.logs.bucket;
  }

  /** The bucket's name. */
  public get bucketName(): string {
    return this.logs.bucket.bucket;
  }
}

/** The bucket policy statement that lets the Region's log delivery write a load balancer's logs. */
export function loadBalancerLogWriter(props: Pick<LoadBalancerLogBucketProps, "bucket" | "region" | "partition" | "accountId" | "prefix">): PolicyStatement {
  return {
    Sid: "ElasticLoadBalancingWritesAccessLogs",
    Effect: "Allow",
    Principal: elbLogDeliveryPrincipal(props.region, props.partition),
    Action: "s3:PutObject",
    Resource: `arn:${props.partition}:s3:::${props.bucket}/${elbLogKeyPrefix(props.prefix, props.accountId)}*`,
  };
}
