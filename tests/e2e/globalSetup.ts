import type { TestProject } from 'vitest/node'
import { startSite } from '../harness/site'

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string
    lakeUrl: string
    lakeToken: string
    webhookSecret: string
    previewSecret: string
    serverLog: string
  }
}

/** One production build and server for all end-to-end tests, against a seeded lake. */
export default async function setup(project: TestProject) {
  const site = await startSite()
  project.provide('siteUrl', site.siteUrl)
  project.provide('lakeUrl', site.lake.url)
  project.provide('lakeToken', site.lake.token)
  project.provide('webhookSecret', site.webhookSecret)
  project.provide('previewSecret', site.previewSecret)
  project.provide('serverLog', site.serverLog)
  return () => site.stop()
}
