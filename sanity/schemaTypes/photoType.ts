import { defineType } from 'sanity'
import { photoFields } from './photoFields'

/** A photo with alt text, caption and credit, used as an article's main image and inside the body. */
export const photoType = defineType({
  name: 'photo',
  title: 'Photo',
  type: 'image',
  options: { hotspot: true },
  fields: photoFields,
  preview: {
    select: { title: 'caption', subtitle: 'credit', media: 'asset' },
  },
})
