import { describe, expect, it } from 'vitest'
import { LISTING_PAGE_SIZE, listingSlice, pageNumberOf } from '@/lib/site/listingPages'
import { listingPagePath } from '@/lib/site/paths'

describe('listing pages', () => {
  it.each([
    [undefined, 1],
    [['page', '2'], 2],
    [['page', '10000'], 10_000],
    [['page', '1'], undefined],
    [['page', '02'], undefined],
    [['page', '2.0'], undefined],
    [['page', '10001'], undefined],
    [['page'], undefined],
    [['pages', '2'], undefined],
    [['page', '2', 'x'], undefined],
  ])('reads %j as page %j', (segments, page) => {
    expect(pageNumberOf(segments)).toBe(page)
  })

  it('fetches one story more than a page shows, from where the previous page ended', () => {
    expect(listingSlice(1)).toEqual({ start: 0, end: LISTING_PAGE_SIZE + 1 })
    expect(listingSlice(3)).toEqual({ start: 2 * LISTING_PAGE_SIZE, end: 3 * LISTING_PAGE_SIZE + 1 })
  })

  it('gives page 1 the listing’s own address', () => {
    expect(listingPagePath('/sections/economy', 1)).toBe('/sections/economy')
    expect(listingPagePath('/sections/economy', 2)).toBe('/sections/economy/page/2')
  })
})
