import { defineConfig } from 'sanity'
import { structureTool } from 'sanity/structure'
import { dataset, projectId } from './env'
import { articlePreviewUrl } from './previewUrl'
import { schemaTypes } from './schemaTypes'
import { structure } from './structure'
import { validationMessageBundle } from './validationMessages'

export default defineConfig({
  name: 'factline',
  title: 'Factline',
  projectId,
  dataset,
  plugins: [structureTool({ structure })],
  schema: { types: schemaTypes },
  i18n: { bundles: [validationMessageBundle] },
  document: { productionUrl: async (prev, { document }) => articlePreviewUrl(document) ?? prev },
})
