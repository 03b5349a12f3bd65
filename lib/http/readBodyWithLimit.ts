/** A request body larger than its route accepts: answered 413 before more of it is read. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Body is larger than ${limitBytes} bytes`)
  }
}

/**
 * The request's body as UTF-8 text, read as a stream and abandoned as soon as it passes
 * `limitBytes` (a declared Content-Length over the limit is refused before reading at all), so a
 * sender cannot make the server buffer a body of any size.
 */
export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'))
  if (declared > limitBytes) throw new BodyTooLargeError(limitBytes)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > limitBytes) {
      await reader.cancel()
      throw new BodyTooLargeError(limitBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
