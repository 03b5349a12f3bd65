/** The newsroom's time zone: datelines read in Korea Standard Time, as the reference story does. */
export const NEWSROOM_TIME_ZONE = 'Asia/Seoul'

// The platform's time-zone database does the conversion; formatters are built once because
// constructing one costs more than formatting many dates with it.
const day = new Intl.DateTimeFormat('en-US', { timeZone: NEWSROOM_TIME_ZONE, month: 'long', day: 'numeric', year: 'numeric' })
const time = new Intl.DateTimeFormat('en-GB', { timeZone: NEWSROOM_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
const year = new Intl.DateTimeFormat('en-US', { timeZone: NEWSROOM_TIME_ZONE, year: 'numeric' })

/** "April 19, 2021", in the newsroom's time zone. */
export function formatDay(iso: string): string {
  return day.format(new Date(iso))
}

/** "April 19, 2021 - 15:30", in the newsroom's time zone. */
export function formatDateline(iso: string): string {
  const moment = new Date(iso)
  return `${day.format(moment)} - ${time.format(moment)}`
}

/** The calendar year of a moment in the newsroom's time zone. */
export function newsroomYear(iso: string): number {
  return Number(year.format(new Date(iso)))
}
