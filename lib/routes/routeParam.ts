/**
 * A dynamic route segment as the content stores it. The App Router hands a segment over still
 * percent-encoded when it holds non-ASCII characters ("%ED%95%9C" for "한"), so a slug like that
 * would never match; it is decoded here, once. A segment that is not valid percent-encoding is
 * looked up as it came.
 */
export function decodeRouteParam(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
