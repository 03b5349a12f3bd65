import { describe, expect, it } from 'vitest'
import { attachment } from '@/lib/http/attachment'

describe('attachment', () => {
  it.each([
    [
      'an ASCII name',
      'north-korea-imports.csv',
      `attachment; filename="north-korea-imports.csv"; filename*=UTF-8''north-korea-imports.csv`,
    ],
    ['a Korean name', '북한-수입.csv', `attachment; filename="__-__.csv"; filename*=UTF-8''%EB%B6%81%ED%95%9C-%EC%88%98%EC%9E%85.csv`],
    ['quotes and backslashes', 'a"b\\c.csv', `attachment; filename="a_b_c.csv"; filename*=UTF-8''a%22b%5Cc.csv`],
  ])('names %s so that a Response header can carry it', (_case, filename, expected) => {
    expect(attachment(filename)).toBe(expected)
    expect(() => new Headers({ 'content-disposition': attachment(filename) })).not.toThrow()
  })
})
