/**
 * Time zones a scheduled action takes. Application Auto Scaling's PutScheduledAction `Timezone`:
 * "the canonical names of the IANA time zones supported by Joda-Time (such as Etc/GMT+9 or
 * Pacific/Tahiti)". Source: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
 *
 * The runtime's Intl.supportedValuesOf("timeZone") is ICU's list, which keeps CLDR's older ids
 * (Asia/Calcutta, Europe/Kiev, Asia/Saigon, America/Godthab) where the IANA database has renamed
 * the zone, and has no Etc/ zones and none of the POSIX-style zones (EST5EDT). So the list is
 * ICU's ids plus {@link IANA_NAMES_ICU_LACKS}. AWS compares names as given: casing stays strict.
 */

/**
 * The zone names of the IANA tz database (tzdata 2025b: the `Zone` lines of `tzdata.zi` as built
 * with PACKRATDATA=backzone PACKRATLIST=zone.tab, the build Debian's tzdata package ships, so every
 * zone.tab name is a zone; https://data.iana.org/time-zones/releases/tzdata2025b.tar.gz, files
 * africa, asia, europe, northamerica, southamerica, australasia, etcetera, backzone, zone.tab)
 * that Intl.supportedValuesOf("timeZone") of Node 20 (ICU 78, CLDR ids) does not list, without
 * `Factory` (not a time zone; Intl refuses it), plus the link `GMT` (to Etc/GMT, file `backward`,
 * as UTC is to Etc/UTC). Every one is a name `new Intl.DateTimeFormat("en", { timeZone })` accepts
 * (ICU resolves it to its own id), so the preview computes schedules in it.
 */
export const IANA_NAMES_ICU_LACKS: readonly string[] = [
  // Current names of zones ICU lists under an older id (Asia/Kolkata for Asia/Calcutta, ...).
  "Africa/Asmara",
  "America/Argentina/Buenos_Aires",
  "America/Argentina/Catamarca",
  "America/Argentina/Cordoba",
  "America/Argentina/Jujuy",
  "America/Argentina/Mendoza",
  "America/Atikokan",
  "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville",
  "America/Nuuk",
  "Asia/Ho_Chi_Minh",
  "Asia/Kathmandu",
  "Asia/Kolkata",
  "Asia/Yangon",
  "Atlantic/Faroe",
  "Europe/Kyiv",
  "Pacific/Chuuk",
  "Pacific/Kanton",
  "Pacific/Pohnpei",
  // Zones of the files europe and northamerica named after a rule set or an abbreviation.
  "CET",
  "CST6CDT",
  "EET",
  "EST",
  "EST5EDT",
  "HST",
  "MET",
  "MST",
  "MST7MDT",
  "PST8PDT",
  "WET",
  // The zones of the file etcetera (fixed offsets; Etc/GMT+9 is nine hours behind UTC), and GMT and UTC.
  "Etc/GMT",
  ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
  "Etc/UTC",
  "GMT",
  "UTC",
];

/** "UTC" and "Etc/UTC" first (the names most configs use), then ICU's ids, then the rest. */

export const TIME_ZONES: readonly string[] = [...new Set(["UTC", "Etc/UTC", ...Intl.supportedValuesOf("timeZone"), ...IANA_NAMES_ICU_LACKS])];

const TIME_ZONE_SET: ReadonlySet<string> = new Set(TIME_ZONES);

export function isTimeZone(name: string): boolean {
  return TIME_ZONE_SET.has(name);
}
