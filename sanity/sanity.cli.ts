import { defineCliConfig } from 'sanity/cli'
import { dataset, projectId } from './env'

export default defineCliConfig({
  api: { projectId, dataset },
  typegen: {
    path: '../{app,components,lib}/**/*.{ts,tsx}',
    schema: './schema.json',
    generates: '../lib/content/sanity.types.ts',
    overloadClientMethods: true,
  },
})
