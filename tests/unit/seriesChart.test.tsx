import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { SeriesChart, SMALLEST_BAR_PX } from '@/components/SeriesChart'
import type { ChartPoint } from '@/lib/figures/chartData'

// The reference months of North Korea's imports from China, with January 2021 left out.
const POINTS: ChartPoint[] = [
  { period: '2020-09', value: 18_882_000 },
  { period: '2020-10', value: 253_000 },
  { period: '2020-11', value: 148_000 },
  { period: '2020-12', value: 3_378_000 },
  { period: '2021-01', value: undefined },
  { period: '2021-02', value: 3_000 },
  { period: '2021-03', value: 12_978_000 },
]

const render = (points: ChartPoint[]) => {
  const html = renderToStaticMarkup(<SeriesChart id="c" title="Imports" points={points} />)
  const mark = (period: string) => new RegExp(`<g data-period="${period}"><rect class="([^"]+)"[^>]*height="([\\d.]+)"`).exec(html)
  return { html, mark }
}

describe('SeriesChart', () => {
  it.each([
    ['a value too small to see gets the smallest bar', '2021-02', 'series-chart__bar series-chart__bar--tiny', SMALLEST_BAR_PX],
    ['a missing month gets an empty box, not a bar', '2021-01', 'series-chart__missing', 12],
  ])('%s', (_name, period, className, height) => {
    const found = render(POINTS).mark(period)
    expect(found?.[1]).toBe(className)
    expect(Number(found?.[2])).toBe(height)
  })

  it('draws a visible value at its height', () => {
    const found = render(POINTS).mark('2020-09')
    expect(found?.[1]).toBe('series-chart__bar')
    expect(Number(found?.[2])).toBeGreaterThan(100)
  })

  it('says in the legend which months are drawn small and which were not reported', () => {
    const { html } = render(POINTS)
    expect(html).toContain('too small to see at this scale, drawn 3 px tall: October 2020, November 2020, February 2021')
    expect(html).toContain('Not reported (no data, not zero): January 2021')
  })

  it('labels 24 months every third month, with the year under January and the first label', () => {
    const months = Array.from({ length: 24 }, (_, i) => ({
      period: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      value: 1_000_000,
    }))
    const labels = [...render(months).html.matchAll(/<text class="series-chart__label"[^>]*>(.*?)<\/text>/g)].map(([, inner]) =>
      (inner ?? '')
        .replace(/<[^>]+>/g, ' ')
        .trim()
        .replace(/\s+/g, ' '),
    )
    expect(labels).toEqual(['Jan 2020', 'Apr', 'Jul', 'Oct', 'Jan 2021', 'Apr', 'Jul', 'Oct'])
  })
})
