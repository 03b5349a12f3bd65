import { SanityImage, type SanityImageValue } from './SanityImage'

type Photo = SanityImageValue & { caption?: string | null; credit?: string | null }

/** A photo with its caption and credit, as the newsroom publishes every picture. */
export function PhotoFigure({ photo, sizes, priority }: { photo: Photo; sizes: string; priority?: boolean }) {
  return (
    <figure className="photo">
      <SanityImage image={photo} sizes={sizes} priority={priority} />
      {(photo.caption || photo.credit) && (
        <figcaption>
          {photo.caption && <span className="photo__caption">{photo.caption}</span>}
          {photo.caption && photo.credit && ' '}
          {photo.credit && <span className="photo__credit">({photo.credit})</span>}
        </figcaption>
      )}
    </figure>
  )
}
