import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

/** The newsroom's time zone: datelines read in Korea Standard Time, as the reference story does. */
export const NEWSROOM_TIME_ZONE = 'Asia/Seoul'

/** "April 19, 2021 - 15:30", in the newsroom's time zone. */
export function formatDateline(iso: string): string {
  return format(new TZDate(iso, NEWSROOM_TIME_ZONE), 'MMMM d, yyyy - HH:mm')
}

/** "April 19, 2021", in the newsroom's time zone. */
export function formatDay(iso: string): string {
  return format(new TZDate(iso, NEWSROOM_TIME_ZONE), 'MMMM d, yyyy')
}

/** The calendar year of a moment in the newsroom's time zone. */
export function newsroomYear(iso: string): number {
  return new TZDate(iso, NEWSROOM_TIME_ZONE).getFullYear()
}
