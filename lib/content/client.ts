import { type ClientConfig, createClient, type SanityClient } from '@sanity/client'
import { API_VERSION, type ContentSource } from './config'

/** How long a caller waits and how often it retries; fixed when the client is created, not by `withConfig`. */
export type Patience = Pick<ClientConfig, 'timeout' | 'maxRetries' | 'retryDelay'>

/** The one way the app reaches its content: @sanity/client against the hosted or embedded lake. */
export function createContentClient(source: ContentSource, patience: Patience = {}): SanityClient {
  return createClient({
    projectId: source.projectId,
    dataset: source.dataset,
    apiVersion: API_VERSION,
    token: source.token,
    perspective: 'published',
    // Pages are cached by Next; the CDN would add a second, unpurgeable layer of staleness.
    useCdn: false,
    ...(source.apiHost ? { apiHost: source.apiHost, useProjectHostname: false } : {}),
    ...patience,
  })
}
