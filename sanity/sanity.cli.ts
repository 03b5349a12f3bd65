import { defineCliConfig } from 'sanity/cli'
import { dataset, projectId } from './env'

export default defineCliConfig({
  api: { projectId, dataset },
  // The build's chunk graph, from which the served Studio preloads what its first screen imports (sanity/local/studioServer.ts).
  vite: (config) => ({ ...config, build: { ...config.build, manifest: true } }),
  typegen: {
    path: '../{app,components,lib}/**/*.{ts,tsx}',
    schema: './schema.json',
    generates: '../lib/content/sanity.types.ts',
    overloadClientMethods: true,
  },
})
