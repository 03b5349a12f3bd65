import type { FigurePresentation } from '@/lib/figures/presentTradeFact'

type Claim = Extract<FigurePresentation, { resolved: true }> & {
  claim: NonNullable<Extract<FigurePresentation, { resolved: true }>['claim']>
}

/**
 * The note that ends an article making claims about its data ("the highest level since
 * September 2020"): each claim, the data it was checked against, and what the data says. In the
 * prose a supported claim carries only a mark, so the story reads as written.
 */
export function ClaimChecks({ figures }: { figures: FigurePresentation[] }) {
  const claims = figures.filter((f): f is Claim => f.resolved && f.claim !== undefined)
  if (claims.length === 0) return null
  return (
    <aside className="claim-checks" aria-labelledby="claim-checks-heading">
      <h2 id="claim-checks-heading">Claims checked against the data</h2>
      <ul>
        {claims.map((f) => (
          <li key={f.key} data-claim={f.claim.verdict}>
            “{f.text}” (
            <a href={f.href}>
              {f.seriesTitle}, {f.periodLabel}
            </a>
            ): {f.claim.note}.
          </li>
        ))}
      </ul>
    </aside>
  )
}
