import { SiteLink } from '@/components/SiteLink'

export default function NotFound() {
  return (
    <div className="not-found">
      <h1>We can’t find that page</h1>
      <p>The story or page may have moved, or the address may be mistyped.</p>
      <ul>
        <li>
          <SiteLink href="/">Go to the front page</SiteLink> for the latest stories.
        </li>
        <li>Check the sections in the menu above.</li>
      </ul>
    </div>
  )
}
