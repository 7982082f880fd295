import type { PolicyRule, RuleContext } from "../rule";
import { StateBucketEncrypted } from "./AIS-S3-1";
import { StateBucketVersioned } from "./AIS-S3-2";
import { StateBucketPrivate } from "./AIS-S3-3";
import { StateBucketTlsOnly } from "./AIS-S3-4";
import { BucketAccessLogged } from "./AIS-S3-5";
import { BucketCustomerManagedKey } from "./AIS-S3-6";
import { LockTableProtected } from "./AIS-DDB-1";
import { NoPublicTaskIpInProduction } from "./AIS-NET-1";
import { OpenIngressOnlyOnListeners } from "./AIS-SG-1";
import { ServicesOnlyFromLoadBalancer } from "./AIS-SG-2";
import { NoWildcardAdmin } from "./AIS-IAM-1";
import { ExecutionRoleSecretsScoped } from "./AIS-IAM-2";
import { KeyRotates } from "./AIS-KMS-1";
import { LogRetentionSet } from "./AIS-LOG-1";
import { LogGroupCustomerManagedKey } from "./AIS-LOG-2";
import { ProductionLogRetention } from "./AIS-LOG-3";
import { QueueCustomerManagedKey } from "./AIS-SQS-1";
import { TopicCustomerManagedKey } from "./AIS-SNS-1";
import { ContainerInsightsOn } from "./AIS-ECS-1";
import { ReadOnlyRootFilesystem } from "./AIS-ECS-2";
import { ImagesPinnedByDigest } from "./AIS-IMG-1";
import { DropInvalidHeaders } from "./AIS-ALB-1";
import { HttpRedirectsToHttps } from "./AIS-ALB-2";
import { LoadBalancerAccessLogged } from "./AIS-ALB-3";
import { InternetFacingLoadBalancerFirewalled } from "./AIS-ALB-4";
import { LoadBalancerDeletionProtected } from "./AIS-ALB-5";
import { InstanceMetadataV2 } from "./AIS-EC2-1";
import { EncryptedRootVolume } from "./AIS-EC2-2";

/** Every rule, in the order of RULE_IDS. */
export const RULES: ReadonlyArray<new (context: RuleContext) => PolicyRule> = [
  StateBucketEncrypted,
  StateBucketVersioned,
  StateBucketPrivate,
  StateBucketTlsOnly,
  BucketAccessLogged,
  BucketCustomerManagedKey,
  LockTableProtected,
  NoPublicTaskIpInProduction,
  OpenIngressOnlyOnListeners,
  ServicesOnlyFromLoadBalancer,
  NoWildcardAdmin,
  ExecutionRoleSecretsScoped,
  KeyRotates,
  LogRetentionSet,
  LogGroupCustomerManagedKey,
  ProductionLogRetention,
  QueueCustomerManagedKey,
  TopicCustomerManagedKey,
  ContainerInsightsOn,
  ReadOnlyRootFilesystem,
  ImagesPinnedByDigest,
  DropInvalidHeaders,
  HttpRedirectsToHttps,
  LoadBalancerAccessLogged,
  InternetFacingLoadBalancerFirewalled,
  LoadBalancerDeletionProtected,
  InstanceMetadataV2,
  EncryptedRootVolume,
];
