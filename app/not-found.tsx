import Link from 'next/link'

export default function NotFound() {
  return (
    <div className="not-found">
      <h1>We can’t find that page</h1>
      <p>The story or page may have moved, or the address may be mistyped.</p>
      <ul>
        <li>
          <Link href="/">Go to the front page</Link> for the latest stories.
        </li>
        <li>Check the sections in the menu above.</li>
      </ul>
    </div>
  )
}
