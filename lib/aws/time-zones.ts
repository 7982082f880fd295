/**
 * Time zones a scheduled action takes: IANA names ("Europe/Berlin"), as Application Auto
 * Scaling's PutScheduledAction `Timezone` says ("a time zone from the IANA Time Zone Database"),
 * from the runtime's own copy of that database, and "UTC" and "Etc/UTC".
 * Source: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
 */
export const TIME_ZONES: readonly string[] = [...new Set(["UTC", "Etc/UTC", ...Intl.supportedValuesOf("timeZone")])];

export function isTimeZone(name: string): boolean {
  return TIME_ZONES.includes(name);
}
