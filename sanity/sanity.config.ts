import { defineConfig, type WorkspaceOptions } from 'sanity'
import { structureTool } from 'sanity/structure'
import { withFigureRecord } from './actions/PublishWithFigureRecordAction'
import { dataset, lakeUrl, projectId, usesEmbeddedLake } from './env'
import { localEditorAuth } from './local/localEditorAuth'
import { articlePreviewUrl } from './previewUrl'
import { schemaTypes } from './schemaTypes'
import { structure } from './structure'
import { validationMessageBundle } from './validationMessages'

/**
 * On the embedded lake: the local editor is signed in without a login; search runs on the GROQ
 * the lake evaluates (it has no full-text index for `text::query`); and the hosted-only features
 * (releases, scheduling, tasks, comments, Canvas) are off. Each of those also holds a live
 * connection, and a browser opens only six at a time to a lake that speaks HTTP/1.1.
 */
const embeddedLakeOptions = {
  apiHost: lakeUrl,
  auth: localEditorAuth({ lakeUrl, projectId, dataset }),
  search: { strategy: 'groqLegacy' },
  releases: { enabled: false },
  scheduledDrafts: { enabled: false },
  scheduledPublishing: { enabled: false },
  tasks: { enabled: false },
  apps: { canvas: { enabled: false } },
  announcements: { enabled: false },
} satisfies Partial<WorkspaceOptions>

export default defineConfig({
  name: 'factline',
  title: usesEmbeddedLake ? 'Factline (local lake, local editor)' : 'Factline',
  projectId,
  dataset,
  ...(usesEmbeddedLake ? embeddedLakeOptions : {}),
  plugins: [structureTool({ structure })],
  schema: { types: schemaTypes },
  i18n: { bundles: [validationMessageBundle] },
  document: {
    productionUrl: async (prev, { document }) => articlePreviewUrl(document) ?? prev,
    // A story's publish also records what each of its figures shows (lib/figures/publicationRecord).
    actions: (prev, { schemaType }) =>
      schemaType === 'article' ? prev.map((action) => (action.action === 'publish' ? withFigureRecord(action) : action)) : prev,
  },
})
