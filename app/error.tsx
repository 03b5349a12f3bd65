'use client'

/** What a reader sees when a page fails to render: the site's frame, a plain apology, no technical detail. */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="not-found" role="alert">
      <h1>This page is unavailable right now</h1>
      <p>We could not load this story or page. Please try again in a moment.</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{' '}
        or <a href="/">go to the front page</a>.
      </p>
    </div>
  )
}
