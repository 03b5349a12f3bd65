import { createClient } from '@sanity/client'
import { defer, map, shareReplay } from 'rxjs'
import type { AuthState, AuthStore, CurrentUser } from 'sanity'
import { API_VERSION } from '../../lib/content/config'

/**
 * A browser keeps at most six HTTP/1.1 connections to one host, and the Studio holds one open per
 * live listener: on one host they would starve its queries. Each listener goes to a subdomain of
 * its own (browsers resolve `*.localhost` to this machine), so every listener gets a connection.
 */
let nextShard = 0
function shardListeners(url: string, init?: RequestInit) {
  const target = new URL(url)
  if (target.hostname === 'localhost' && target.pathname.includes('/data/listen/')) {
    target.hostname = `listen-${nextShard++ % 100}.localhost`
  }
  return fetch(target, init)
}

type LocalEditorSession = { token: string; user: CurrentUser }

/**
 * Signs the Studio in as the embedded lake's local editor, with no login screen: the lake hands
 * its session to the Studio's own origin only (it checks the Origin header), so nothing secret is
 * built into the Studio's bundle.
 */
export function localEditorAuth(options: { lakeUrl: string; projectId: string; dataset: string }): AuthStore {
  const session = defer(async (): Promise<LocalEditorSession> => {
    const response = await fetch(new URL('/local/editor-session', options.lakeUrl), { method: 'POST' })
    if (!response.ok) {
      throw new Error(
        `The embedded content lake at ${options.lakeUrl} refused the local editor (${response.status}): ${await response.text()}`,
      )
    }
    return (await response.json()) as LocalEditorSession
  }).pipe(shareReplay(1))
  const state = session.pipe(
    map(({ token, user }): AuthState => {
      const client = createClient({
        projectId: options.projectId,
        dataset: options.dataset,
        apiHost: options.lakeUrl,
        // The lake answers every project path on one host, not on <projectId>.<host>.
        useProjectHostname: false,
        resolveFetch: () => shardListeners,
        apiVersion: API_VERSION,
        useCdn: false,
        token,
        ignoreBrowserTokenWarning: true,
        requestTagPrefix: 'sanity.studio',
      })
      return { authenticated: true, currentUser: user, client }
    }),
    shareReplay(1),
  )
  // The Studio's SDK-based parts authenticate with the token on their own clients.
  return { state, token: session.pipe(map(({ token }) => token)) }
}
