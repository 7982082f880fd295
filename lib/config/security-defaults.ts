/**
 * The defaults and minimums of the security settings (log retention, the web ACL the stack
 * creates), free of zod: the schema, the resolver, the security rules and the trade-off table
 * read them, and the synth's main thread must not load the validator.
 */

/** Days production keeps logs at least. */
export const PRODUCTION_LOG_RETENTION_MIN_DAYS = 365;

/** Days non-production environments keep logs unless the config says otherwise. */
export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** Defaults of the web ACL the stack creates. */
export const WEB_ACL_DEFAULTS = { rateLimit: 2000, rateLimitWindowSeconds: 300 } as const;
