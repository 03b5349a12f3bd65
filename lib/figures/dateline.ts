/** The newsroom's time zone: datelines read in Korea Standard Time, as the reference story does. */
export const NEWSROOM_TIME_ZONE = 'Asia/Seoul'
/** Korea keeps no daylight saving, so one abbreviation names the zone all year ("GMT+9" is what Intl offers). */
export const NEWSROOM_ZONE_ABBREVIATION = 'KST'

// The platform's time-zone database does the conversion; formatters are built once because
// constructing one costs more than formatting many dates with it.
const day = new Intl.DateTimeFormat('en-US', { timeZone: NEWSROOM_TIME_ZONE, month: 'long', day: 'numeric', year: 'numeric' })
const time = new Intl.DateTimeFormat('en-GB', { timeZone: NEWSROOM_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
const year = new Intl.DateTimeFormat('en-US', { timeZone: NEWSROOM_TIME_ZONE, year: 'numeric' })

/** A moment from stored content, or undefined when the text is not a date (content may hold anything). */
const momentOf = (iso: string) => {
  const moment = new Date(iso)
  return Number.isNaN(moment.getTime()) ? undefined : moment
}

/** "April 19, 2021", in the newsroom's time zone; text that is not a date comes back as stored. */
export function formatDay(iso: string): string {
  const moment = momentOf(iso)
  return moment ? day.format(moment) : iso
}

/**
 * "April 19, 2021 - 15:30 KST", in the newsroom's time zone and naming it, so a reader elsewhere does
 * not read the time as their own; text that is not a date comes back as stored.
 */
export function formatDateline(iso: string): string {
  const moment = momentOf(iso)
  return moment ? `${day.format(moment)} - ${time.format(moment)} ${NEWSROOM_ZONE_ABBREVIATION}` : iso
}

/** The calendar year of a moment in the newsroom's time zone; undefined for text that is not a date. */
export function newsroomYear(iso: string): number | undefined {
  const moment = momentOf(iso)
  return moment ? Number(year.format(moment)) : undefined
}
