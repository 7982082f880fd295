/**
 * IAM quotas.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * ("Role policy size: ... the total aggregate policy size (the sum size of all inline policies)
 * cannot exceed 10,240 characters"; IAM does not count white space).
 */
export const MAX_ROLE_INLINE_POLICY_CHARS = 10240;
