import { defineCliConfig } from 'sanity/cli'
import { dataset, projectId } from './env'

/**
 * The icons the Studio's first screen imports, in one chunk. Left to itself the bundler gives each
 * icon shared by lazy parts a file of its own: 133 of the 194 files a first load fetched, of about
 * 400 bytes each, six at a time over the HTTP/1.1 the served Studio speaks (`npm run bench:studio`).
 * Only icons: the whole start-up code in one chunk loaded no faster, and in half of our runs a
 * reference search typed while a new draft was being created came back empty.
 */
const START_UP_ICONS = { name: 'studio-icons', tags: ['$initial' as const], test: /node_modules[\\/]@sanity[\\/]icons/ }

export default defineCliConfig({
  api: { projectId, dataset },
  vite: (config) => ({
    ...config,
    build: {
      ...config.build,
      // The build's chunk graph, from which the served Studio preloads what its first screen imports (sanity/local/studioServer.ts).
      manifest: true,
      rolldownOptions: {
        ...config.build?.rolldownOptions,
        output: { ...config.build?.rolldownOptions?.output, codeSplitting: { groups: [START_UP_ICONS] } },
      },
    },
  }),
  typegen: {
    path: '../{app,components,lib}/**/*.{ts,tsx}',
    schema: './schema.json',
    generates: '../lib/content/sanity.types.ts',
    overloadClientMethods: true,
  },
})
