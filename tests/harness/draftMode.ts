import type { SanityClient } from '@sanity/client'
import { urlSearchParamPreviewPathname, urlSearchParamPreviewSecret } from '@sanity/preview-url-secret'
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret'

/** The route the Presentation tool opens to turn draft mode on. */
export const enableDraftModePath = (secret: string, page: string) =>
  `/api/draft-mode/enable?${new URLSearchParams({ [urlSearchParamPreviewSecret]: secret, [urlSearchParamPreviewPathname]: page })}`

/**
 * What the Studio's Presentation tool does to open `page` in draft mode: it writes a secret
 * document with the editor's rights (Sanity's own function, as the tool calls it) and opens the
 * site's enable route with it.
 */
export async function studioDraftModePath(editor: SanityClient, page: string, studioUrl = 'http://127.0.0.1:3333'): Promise<string> {
  const { secret } = await createPreviewSecret(editor, 'factline-tests', studioUrl, 'local-editor')
  return enableDraftModePath(secret, page)
}
