import { describe, expect, it } from 'vitest'
import { feedLastModified, type StoryDating, storyModifiedAt } from '@/lib/feeds/storyDates'
import type { FigurePresentation } from '@/lib/figures/presentTradeFact'

const PUBLISHED = '2021-04-19T06:30:00.000Z'
const NOW = new Date('2026-12-05T12:00:00.000Z')

/** A figure as presented, revised (its text changed) by the release of `revisedAt`, or not revised. */
const figure = (revisedAt?: string): FigurePresentation => ({
  resolved: true,
  text: '$13.5 million',
  href: '/data/imports#period-2021-03',
  description: '',
  seriesId: 'tradeSeries.imports',
  seriesTitle: 'Imports',
  period: '2021-03',
  periodLabel: 'March 2021',
  sourceName: 'customs',
  releasedAt: revisedAt ?? '2021-04-18T02:00:00.000Z',
  value: 13_500_000,
  ...(revisedAt ? { revision: { publishedText: '$12.98 million', publishedOn: 'April 19, 2021', revisedOn: 'x', revisedAt } } : {}),
})
const unlinked: FigurePresentation = { resolved: false, text: '$3,000', description: '', problem: 'gone' }

describe('storyModifiedAt: when a story last changed for readers', () => {
  it.each<[string, StoryDating, string | undefined]>([
    ['a story never updated is dated by its publication', { publishedAt: PUBLISHED }, PUBLISHED],
    ['the editors’ update', { publishedAt: PUBLISHED, updatedAt: '2021-04-20T01:00:00.000Z' }, '2021-04-20T01:00:00.000Z'],
    ['an “update” before publication does not count', { publishedAt: PUBLISHED, updatedAt: '2021-04-01T00:00:00.000Z' }, PUBLISHED],
    [
      'a data revision that changed a figure’s text moves it to that release',
      { publishedAt: PUBLISHED, figures: [figure(), figure('2021-05-18T02:00:00.000Z')] },
      '2021-05-18T02:00:00.000Z',
    ],
    ['figures unchanged since publication do not', { publishedAt: PUBLISHED, figures: [figure(), figure()] }, PUBLISHED],
    ['a figure whose data is gone carries no date', { publishedAt: PUBLISHED, figures: [unlinked] }, PUBLISHED],
    [
      'a correction',
      { publishedAt: PUBLISHED, updatedAt: '2021-04-20T01:00:00.000Z', corrections: [{ date: '2021-04-21T00:00:00.000Z' }] },
      '2021-04-21T00:00:00.000Z',
    ],
    [
      'the latest of update, correction and revision',
      {
        publishedAt: PUBLISHED,
        updatedAt: '2021-06-01T00:00:00.000Z',
        corrections: [{ date: '2021-04-21T00:00:00.000Z' }, { date: null }],
        figures: [figure('2021-05-18T02:00:00.000Z')],
      },
      '2021-06-01T00:00:00.000Z',
    ],
    ['a date far in the future counts as now', { publishedAt: PUBLISHED, updatedAt: '2999-01-01T00:00:00.000Z' }, NOW.toISOString()],
    [
      'a story published in the future is never dated before its publication',
      { publishedAt: '2999-01-01T00:00:00.000Z', updatedAt: '2999-02-01T00:00:00.000Z' },
      '2999-01-01T00:00:00.000Z',
    ],
    ['text that is not a date is ignored', { publishedAt: PUBLISHED, updatedAt: 'soon', corrections: [{ date: 'then' }] }, PUBLISHED],
    ['a story without a publication date has none', { publishedAt: null, updatedAt: '2021-04-20T01:00:00.000Z' }, undefined],
  ])('%s', (_case, story, expected) => {
    expect(storyModifiedAt(story, NOW)).toBe(expected)
  })
})

describe('feedLastModified: a feed’s HTTP Last-Modified', () => {
  it.each<[string, Array<string | null | undefined>, string | null | undefined, string]>([
    [
      'the newest change to anything the feed reads',
      ['2021-04-19T06:30:00Z', '2021-05-18T02:00:00Z', null],
      null,
      '2021-05-18T02:00:00.000Z',
    ],
    [
      'a story leaving the feed later than every remaining change moves it forward',
      ['2021-04-19T06:30:00Z'],
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.000Z',
    ],
    ['an older removal changes nothing', ['2021-05-18T02:00:00Z'], '2021-01-01T00:00:00Z', '2021-05-18T02:00:00.000Z'],
    ['a date far in the future is clamped to now', ['2999-01-01T00:00:00Z', '2021-05-18T02:00:00Z'], null, NOW.toISOString()],
    ['text that is not a date is ignored', ['yesterday', '2021-05-18T02:00:00Z'], 'soon', '2021-05-18T02:00:00.000Z'],
    ['an empty feed with no removal is dated at the epoch', [], undefined, '1970-01-01T00:00:00.000Z'],
  ])('%s', (_case, changes, lastRemoval, expected) => {
    expect(feedLastModified(changes, lastRemoval, NOW)).toBe(expected)
  })
})
