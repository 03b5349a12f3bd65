import { ClientError } from '@sanity/client'
import { expect } from 'vitest'

/** The rejection of a promise that must fail, as the client's error. */
export async function clientFailure(promise: Promise<unknown>): Promise<ClientError> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(outcome).toBeInstanceOf(ClientError)
  return outcome as ClientError
}
