import { defineField, defineType } from 'sanity'

/** A trading country, identified as UN Comtrade identifies it (M49 code and ISO3). */
export const countryType = defineType({
  name: 'country',
  title: 'Country',
  type: 'object',
  fields: [
    defineField({ name: 'm49', title: 'M49 code', type: 'number', validation: (r) => r.required().integer().min(0) }),
    defineField({
      name: 'iso3',
      title: 'ISO3 code',
      type: 'string',
      validation: (r) => r.required().regex(/^[A-Z]{3}$/, { name: 'ISO3' }),
    }),
    defineField({ name: 'name', title: 'Name', type: 'string', validation: (r) => r.required() }),
  ],
  preview: {
    select: { title: 'name', iso3: 'iso3', m49: 'm49' },
    prepare: ({ title, iso3, m49 }) => ({ title, subtitle: `${iso3} · ${m49}` }),
  },
})
