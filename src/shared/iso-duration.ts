/**
 * ISO 8601 durations as Microsoft Graph uses them for PIM schedules and policies (`PT8H`,
 * `P180D`, `P1Y`): the one reading shared by the checks and the simulated tenant.
 */

/**
 * Adds a duration (`P1Y2M10DT2H30M`, `P2W`, `PT8H`) to a moment, calendar-wise for years and
 * months. Undefined when the text is not a duration.
 */
export function addIsoDuration(fromMs: number, duration: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(fromMs);
  date.setUTCFullYear(date.getUTCFullYear() + years, date.getUTCMonth() + months);
  return date.getTime() + ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}
