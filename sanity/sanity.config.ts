import { defineConfig, type WorkspaceOptions } from 'sanity'
import { presentationTool } from 'sanity/presentation'
import { structureTool } from 'sanity/structure'
import { DISABLE_DRAFT_MODE_PATH, ENABLE_DRAFT_MODE_PATH } from '../lib/site/paths'
import { withFigureRecord } from './actions/PublishWithFigureRecordAction'
import { dataset, lakeUrl, previewSiteUrl, projectId, usesEmbeddedLake } from './env'
import { localEditorAuth } from './local/localEditorAuth'
import { locations, mainDocuments } from './presentationResolve'
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
  plugins: [
    structureTool({ structure }),
    // The site in a frame, in draft mode: the tool writes a short-lived secret document the site's
    // /api/draft-mode/enable checks with its token (lib/routes/draftMode.ts).
    presentationTool({
      title: 'Presentation',
      previewUrl: {
        initial: previewSiteUrl,
        // Sharing a preview link with someone outside the Studio needs hosted Sanity: the embedded
        // lake serves one local editor on this machine.
        previewMode: { enable: ENABLE_DRAFT_MODE_PATH, disable: DISABLE_DRAFT_MODE_PATH, shareAccess: !usesEmbeddedLake },
      },
      resolve: { locations, mainDocuments },
    }),
  ],
  schema: { types: schemaTypes },
  i18n: { bundles: [validationMessageBundle] },
  document: {
    // A story's publish also records what each of its figures shows (lib/figures/publicationRecord).
    actions: (prev, { schemaType }) =>
      schemaType === 'article' ? prev.map((action) => (action.action === 'publish' ? withFigureRecord(action) : action)) : prev,
  },
})
