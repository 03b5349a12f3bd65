import { useToast } from '@sanity/ui/toast'
import { useState } from 'react'
import { type DocumentActionComponent, useClient } from 'sanity'
import { API_VERSION } from '../../lib/content/config'
import { publishWithFigureRecord } from './publishWithFigureRecord'

/**
 * The Studio's own Publish (its label, shortcut, and the validation that holds it back), but the
 * publish itself writes the story's record of its figures in the same transaction.
 */
export function withFigureRecord(defaultPublish: DocumentActionComponent): DocumentActionComponent {
  const PublishWithFigureRecord: DocumentActionComponent = (props) => {
    const base = defaultPublish(props)
    const client = useClient({ apiVersion: API_VERSION })
    const toast = useToast()
    const [publishing, setPublishing] = useState(false)
    if (!base || !props.draft) return base
    const draft = props.draft
    return {
      ...base,
      label: publishing ? 'Publishing…' : base.label,
      disabled: base.disabled || publishing,
      onHandle: async () => {
        setPublishing(true)
        try {
          await publishWithFigureRecord(client, { publishedId: props.id, draft: draft as never, published: props.published as never })
          props.onComplete()
        } catch (error) {
          // Nothing was written: the record and the publish are one transaction.
          toast.push({ status: 'error', title: 'Not published', description: error instanceof Error ? error.message : String(error) })
        } finally {
          setPublishing(false)
        }
      },
    }
  }
  PublishWithFigureRecord.action = 'publish'
  return PublishWithFigureRecord
}
