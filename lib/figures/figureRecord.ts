import type { PublishedFigure } from '@/lib/content/sanity.types'
import type { ObservationStatus, Release } from './observation'

/** What a story recorded of one figure at its first publication (sanity/schemaTypes/publishedFigureType.ts). */
export type FigureRecord = PublishedFigure & { _key: string }

/** A record as a figure reads it: the text it showed and the release of its own period then. */
export type RecordedFigure = { record: FigureRecord; text: string; release: Release }

type FigureIdentity = {
  seriesRef?: string | null
  series?: { _id?: string } | null
  period?: string | null
  show?: string | null
  comparePeriod?: string | null
}

/** The series, period, kind and comparison a figure or its record is about, as one comparable string. */
export const figureIdentity = (f: { seriesId?: string | null } & Omit<FigureIdentity, 'seriesRef' | 'series'>) =>
  [f.seriesId ?? '', f.period ?? '', f.show || 'value', f.comparePeriod || ''].join('|')

/**
 * The record a figure may read: one made for this figure as it now stands, and whole. A figure an
 * editor re-pointed (other series, period, kind or comparison) is a new figure; its old record does not apply.
 */
export function recordFor(record: FigureRecord | null | undefined, fact: FigureIdentity): RecordedFigure | undefined {
  const own = record?.readings?.[0]
  if (!record || typeof record.text !== 'string' || typeof own?.primaryValue !== 'number' || typeof own.releasedAt !== 'string')
    return undefined
  const seriesId = fact.seriesRef ?? fact.series?._id
  if (figureIdentity(record) !== figureIdentity({ ...fact, seriesId })) return undefined
  const status = own.status as ObservationStatus | undefined
  return { record, text: record.text, release: { primaryValue: own.primaryValue, status, releasedAt: own.releasedAt } }
}
