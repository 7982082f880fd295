/**
 * Who writes Elastic Load Balancing access logs into an S3 bucket, by Region. Regions that
 * opened before August 2022 deliver from an Elastic Load Balancing account of their own, which
 * the bucket policy names as `arn:<partition>:iam::<account>:root`; Regions opened since deliver
 * as the service principal `logdelivery.elasticloadbalancing.amazonaws.com`.
 * Sources: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#attach-bucket-policy,
 * and the table AWS's Terraform provider keeps for its `aws_elb_service_account` data source:
 * hashicorp/terraform-provider-aws, internal/service/elb/service_account_data_source.go
 * (`accountIDPerRegionMap`; me-central-1 is commented out there: it has no such account).
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-south-1": "718504428378",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-southeast-3": "589379963580",
  "ca-central-1": "985666609251",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
  "eu-central-1": "054676820928",
  "eu-north-1": "897822967062",
  "eu-south-1": "635631232127",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-gov-east-1": "190560391635",
  "us-gov-west-1": "048591011584",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
};

/** The service principal that delivers access logs in Regions without an Elastic Load Balancing account. */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** The bucket policy principal that writes a load balancer's access logs in a Region. */
export function elbLogDeliveryPrincipal(region: string, partition: string): { readonly AWS: string } | { readonly Service: string } {
  const account = ELB_LOG_DELIVERY_ACCOUNTS[region];
  return account ? { AWS: `arn:${partition}:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE };
}

/**
 * The key prefix Elastic Load Balancing writes an account's logs under:
 * `[<prefix>/]AWSLogs/<account id>/`. A prefix must not contain `AWSLogs`.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
export function elbLogKeyPrefix(prefix: string | undefined, accountId: string): string {
  return `${prefix ? `${prefix}/` : ""}AWSLogs/${accountId}/`;
}

/** Longest load balancer access log prefix accepted here (the key, with AWSLogs/<account>/..., stays far below S3's 1024 bytes). */
export const ELB_LOG_PREFIX_MAX = 200;
