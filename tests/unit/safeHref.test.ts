import { describe, expect, it } from 'vitest'
import { safeHref } from '@/lib/site/safeHref'

describe('safeHref', () => {
  it.each([
    ['https://www.koreaherald.com/', 'https://www.koreaherald.com/'],
    ['mailto:sahn@heraldcorp.com', 'mailto:sahn@heraldcorp.com'],
    ['/data/north-korea-imports-from-china', '/data/north-korea-imports-from-china'],
    ['#period-2021-03', '#period-2021-03'],
    ['javascript:alert(1)', undefined],
    [' JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['//evil.example/', undefined],
    ['/\\evil.example/', undefined],
    ['not a url', undefined],
    [42, undefined],
  ])('%j → %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected)
  })
})
