import type { QueryContext } from '../core/context'
import type { ListenerHub } from '../events/listen'
import type { LiveEventHub } from '../events/live'
import type { PresenceHub } from '../events/presence'
import type { DocumentHistory } from '../history/log'
import type { ImageRenderer } from '../images/render'
import type { ImageConfig } from '../images/store'
import type { QueryLimits } from '../query/limits'
import type { SyncTagger } from '../query/syncTags'
import type { DocumentStore } from '../storage/store'
import type { TransactionRunner } from '../writes/mutations'
import type { StudioPreferences } from './handlers/studioPreferences'

/** The parts of a running lake that its HTTP handlers answer from. */
export type LakeParts = {
  store: DocumentStore
  runner: TransactionRunner
  listeners: ListenerHub
  live: LiveEventHub
  syncTags: SyncTagger
  images: ImageConfig
  renderer: ImageRenderer
  context: QueryContext
  token: string
  studioOrigins: ReadonlySet<string>
  queryLimits: QueryLimits
  preferences: StudioPreferences
  history: DocumentHistory
  presence: PresenceHub
}
