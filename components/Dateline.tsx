import { formatDateline } from '@/lib/figures/dateline'

/** "Published : April 19, 2021 - 15:30 KST" in Korea Standard Time, plus "Updated" when there is one. */
export function Dateline({ publishedAt, updatedAt }: { publishedAt?: string | null; updatedAt?: string | null }) {
  if (!publishedAt) return null
  return (
    <p className="dateline">
      <span>
        Published : <time dateTime={publishedAt}>{formatDateline(publishedAt)}</time>
      </span>
      {updatedAt && updatedAt > publishedAt && (
        <span>
          {' '}
          Updated : <time dateTime={updatedAt}>{formatDateline(updatedAt)}</time>
        </span>
      )}
    </p>
  )
}
