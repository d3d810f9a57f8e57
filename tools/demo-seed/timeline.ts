/**
 * Dates of recent activity (sign-ins, the last drill) counted back from an "as of" day, so the
 * demo tenant can be regenerated later without its break-glass sign-ins ageing past the
 * 90-day review interval (BG-USR-08). Everything else in the seed carries fixed dates.
 */

/** The day the committed demo seed was generated for. */
export const defaultAsOf = '2026-11-20';

export type Timeline = {
  readonly asOf: string;
  /** `daysAgo(8, '09:41:07')` → the ISO date-time eight days before `asOf`, at that UTC time. */
  readonly daysAgo: (days: number, time: string) => string;
};

export function timeline(asOf: string): Timeline {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
    throw new Error(`"${asOf}" is not a date: give --as-of as YYYY-MM-DD.`);
  }
  const midnight = Date.parse(`${asOf}T00:00:00Z`);
  return {
    asOf,
    daysAgo: (days, time) => {
      const day = new Date(midnight - days * 86_400_000).toISOString().slice(0, 10);
      return `${day}T${time}Z`;
    },
  };
}

/** The last drill: both break-glass accounts with their FIDO2 keys, then the app with its certificate. */
export function lastDrill(when: Timeline) {
  return {
    breakglass1: when.daysAgo(8, '09:41:07'),
    breakglass2: when.daysAgo(8, '09:52:33'),
    app: when.daysAgo(8, '10:06:58'),
  };
}
