import { useToast } from '@sanity/ui/toast'
import { useEffect, useState } from 'react'
import { type DocumentActionComponent, useClient, useSyncState } from 'sanity'
import { API_VERSION } from '../../lib/content/config'
import { publishWithFigureRecord } from './publishWithFigureRecord'

/**
 * The Studio's own Publish (its label, shortcut, and the validation that holds it back), but the
 * publish itself writes the story's record of its figures in the same transaction.
 *
 * Like the Studio's own, a click while the editor's last edits are still being saved waits for
 * them: the publish sends the draft the lake holds, so one sent at once would leave out what the
 * editor had just typed.
 */
export function withFigureRecord(defaultPublish: DocumentActionComponent): DocumentActionComponent {
  const PublishWithFigureRecord: DocumentActionComponent = (props) => {
    const base = defaultPublish(props)
    const client = useClient({ apiVersion: API_VERSION })
    const toast = useToast()
    const { isSyncing } = useSyncState(props.id, props.type)
    const [scheduled, setScheduled] = useState(false)
    const [publishing, setPublishing] = useState(false)
    const { draft, published, id, onComplete } = props

    useEffect(() => {
      if (!scheduled || isSyncing || !draft) return
      setScheduled(false)
      setPublishing(true)
      publishWithFigureRecord(client, { publishedId: id, draft: draft as never, published: published as never })
        .then(onComplete, (error: unknown) => {
          // Nothing was written: the record and the publish are one transaction.
          toast.push({ status: 'error', title: 'Not published', description: error instanceof Error ? error.message : String(error) })
        })
        .finally(() => setPublishing(false))
    }, [scheduled, isSyncing, draft, published, id, client, toast, onComplete])

    if (!base || !draft) return base
    return {
      ...base,
      label: publishing || scheduled ? 'Publishing…' : base.label,
      disabled: base.disabled || publishing || scheduled,
      onHandle: () => setScheduled(true),
    }
  }
  PublishWithFigureRecord.action = 'publish'
  return PublishWithFigureRecord
}
