import { defineConfig } from 'sanity'
import { structureTool } from 'sanity/structure'
import { dataset, projectId } from './env'
import { schemaTypes } from './schemaTypes'
import { validationMessageBundle } from './validationMessages'

export default defineConfig({
  name: 'factline',
  title: 'Factline',
  projectId,
  dataset,
  plugins: [structureTool()],
  schema: { types: schemaTypes },
  i18n: { bundles: [validationMessageBundle] },
})
