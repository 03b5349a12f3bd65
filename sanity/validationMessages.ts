import { defineLocaleResourceBundle } from 'sanity'

/** Sanity's own validation messages that editors meet, reworded in the newsroom's language. */
export const validationMessages = {
  'slug.not-unique': 'Something else of this kind already uses the web address "{{slug}}". Change it so each one has its own link.',
}

export const validationMessageBundle = defineLocaleResourceBundle({
  locale: 'en-US',
  namespace: 'validation',
  resources: validationMessages,
})
