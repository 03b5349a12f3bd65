export type InlineSources = { nonce: string } | { scripts: string[]; styles: string[] }
export type PolicyOptions = { development: boolean; hostedImages: boolean }
export function contentSecurityPolicy(
  options: { inline: InlineSources; frameable?: boolean; studioOrigin?: string } & PolicyOptions,
): string
export function policyOptionsFromEnv(): PolicyOptions
export function createNonce(): string
export const NON_DOCUMENT_POLICY: string
export const PAGE_BASELINE_POLICY: string
export const EMBED_BASELINE_POLICY: string
export const DRAFT_BASELINE_POLICY: string
export const EMBED_PATH_PREFIX: string
