import type { TestProject } from 'vitest/node'
import { startSite } from '../harness/site'

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string
    lakeUrl: string
    lakeToken: string
    webhookSecret: string
    serverLog: string
    studioUrl: string
  }
}

/** One production build and server for all end-to-end tests, against a seeded lake, and the Studio on that lake. */
export default async function setup(project: TestProject) {
  const site = await startSite({ studio: true })
  project.provide('siteUrl', site.siteUrl)
  project.provide('lakeUrl', site.lake.url)
  project.provide('lakeToken', site.lake.token)
  project.provide('webhookSecret', site.webhookSecret)
  project.provide('serverLog', site.serverLog)
  project.provide('studioUrl', site.studioUrl ?? '')
  return () => site.stop()
}
