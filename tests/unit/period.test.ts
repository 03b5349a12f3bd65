import { describe, expect, it } from 'vitest'
import { oembedTarget } from '@/lib/feeds/oembed'
import { isPeriod, PERIOD_PATTERN, parsePeriod } from '@/lib/figures/period'
import { comtradePeriod, Invalid } from '@/lib/tradeImport/fieldReaders'

const SITE = 'https://news.example'

/** Every spelling a period might arrive in, and whether it is one: months 01 to 12, or a year. */
const PERIODS: Array<[string, boolean]> = [
  ['2021', true],
  ['2021-01', true],
  ['2021-03', true],
  ['2021-09', true],
  ['2021-10', true],
  ['2021-12', true],
  ['1999-12', true],
  ['2021-13', false],
  ['2021-00', false],
  ['2021-20', false],
  ['2021-3', false],
  ['2021-003', false],
  ['21-03', false],
  ['202103', false],
  ['2021-03-01', false],
  ['2021-', false],
  [' 2021-03', false],
  ['2021-03 ', false],
  ['2021/03', false],
  ['20210', false],
  ['', false],
]

describe('the period pattern', () => {
  it.each(PERIODS)('%s is a period: %s', (text, valid) => {
    expect(isPeriod(text)).toBe(valid)
    expect(PERIOD_PATTERN.test(text)).toBe(valid)
    expect(parsePeriod(text) !== undefined).toBe(valid)
  })

  // A URL's parser trims the spaces around it, so those spellings cannot reach an anchor.
  it.each(PERIODS.filter(([text]) => text.trim() === text))('a data page’s anchor #period-%s names a figure: %s', (text, valid) => {
    const target = oembedTarget(`${SITE}/data/imports#period-${text}`, SITE)
    expect(target?.kind).toBe(valid ? 'figure' : 'chart')
  })

  it.each([
    ['202103', 'M', '2021-03'],
    ['2021-03', 'M', '2021-03'],
    ['202112', 'M', '2021-12'],
    ['202113', 'M', undefined],
    ['202100', 'M', undefined],
    ['2021', 'M', undefined],
    ['2021', 'A', '2021'],
    ['202103', 'A', undefined],
    ['2021-03', 'A', undefined],
  ] as const)('the importer reads Comtrade’s %s (freqCode %s) as %s', (text, freqCode, stored) => {
    const read = comtradePeriod(freqCode)(text)
    expect(read instanceof Invalid ? undefined : read).toBe(stored)
    if (stored) expect(isPeriod(stored)).toBe(true)
  })
})
