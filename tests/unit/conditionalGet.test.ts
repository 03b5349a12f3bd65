import { describe, expect, it } from 'vitest'
import { conditionalResponse, etagOf } from '@/lib/feeds/conditionalGet'

const BODY = '<rss version="2.0"/>'
const LAST_MODIFIED = '2021-04-19T06:30:00.500Z'
const HTTP_DATE = 'Mon, 19 Apr 2021 06:30:00 GMT'

const respond = (headers: Record<string, string> = {}, lastModified: string | null = LAST_MODIFIED) =>
  conditionalResponse(new Request('https://factline.example/feeds/rss.xml', { headers }), BODY, {
    contentType: 'application/rss+xml',
    lastModified: lastModified ?? undefined,
  })

describe('conditional GET for feeds and sitemaps', () => {
  it('answers with the body, its type in UTF-8, validators and cache headers', async () => {
    const response = respond()
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(BODY)
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/rss+xml; charset=utf-8',
      etag: etagOf(BODY),
      'last-modified': HTTP_DATE,
      'cache-control': 'public, max-age=0, s-maxage=1, stale-while-revalidate=3, stale-if-error=86400',
    })
  })

  it('changes the ETag when the body changes', () => {
    expect(etagOf(BODY)).not.toBe(etagOf(`${BODY} `))
  })

  it.each([
    ['the same ETag', { 'if-none-match': etagOf(BODY) }, 304],
    ['the ETag without its weak prefix', { 'if-none-match': etagOf(BODY).slice(2) }, 304],
    ['the ETag among others', { 'if-none-match': `"other", ${etagOf(BODY)}` }, 304],
    ['any ETag', { 'if-none-match': '*' }, 304],
    ['another ETag', { 'if-none-match': '"other"' }, 200],
    ['the Last-Modified date', { 'if-modified-since': HTTP_DATE }, 304],
    ['a later date', { 'if-modified-since': 'Tue, 20 Apr 2021 00:00:00 GMT' }, 304],
    ['an earlier date', { 'if-modified-since': 'Mon, 19 Apr 2021 06:29:59 GMT' }, 200],
    ['a date that is not one', { 'if-modified-since': 'yesterday' }, 200],
    [
      'another ETag and a later date (the ETag decides)',
      { 'if-none-match': '"other"', 'if-modified-since': 'Tue, 20 Apr 2021 00:00:00 GMT' },
      200,
    ],
  ])('given %s, answers %i', (_, headers, status) => {
    expect(respond(headers).status).toBe(status)
  })

  it('sends no body with 304, but the validators again', async () => {
    const response = respond({ 'if-none-match': etagOf(BODY) })
    expect(await response.text()).toBe('')
    expect(response.headers.get('etag')).toBe(etagOf(BODY))
    expect(response.headers.get('last-modified')).toBe(HTTP_DATE)
  })

  it('without a modification date, relies on the ETag alone', () => {
    const response = respond({ 'if-modified-since': 'Tue, 20 Apr 2021 00:00:00 GMT' }, null)
    expect(response.status).toBe(200)
    expect(response.headers.has('last-modified')).toBe(false)
  })
})
