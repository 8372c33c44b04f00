// Identities (form-filling profiles). The overview holds the email and a full name derived from
// the name parts; address, phone, birth date and the rest stay in the details.
import { z } from 'zod';
import { detailsCommonShape, isoDateSchema, overviewCommonShape, type Known } from '../schema-common';

export const identityOverviewSchema = z.looseObject({
  ...overviewCommonShape,
  type: z.literal('identity'),
  email: z.string(),
  /** Derived from title, first, middle and last name. */
  fullName: z.string(),
});

export const identityDetailsSchema = z.looseObject({
  ...detailsCommonShape,
  type: z.literal('identity'),
  title: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  /** Street address, one entry per line, in order. */
  addressLines: z.array(z.string()),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  /** ISO 3166-1 alpha-2 code or free text from an import. */
  country: z.string(),
  company: z.string(),
  birthDate: isoDateSchema,
  notes: z.string(),
});

export type IdentityOverview = Known<z.output<typeof identityOverviewSchema>>;
export type IdentityDetails = Known<z.output<typeof identityDetailsSchema>>;

type NameParts = { title: string; firstName: string; middleName: string; lastName: string };

function fullNameOf(item: NameParts): string {
  return [item.title, item.firstName, item.middleName, item.lastName]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

export const identitySpec = {
  overview: identityOverviewSchema,
  details: identityDetailsSchema,
  derive: (item: NameParts) => ({ fullName: fullNameOf(item) }),
  defaults: {
    email: '',
    title: '',
    firstName: '',
    middleName: '',
    lastName: '',
    phone: '',
    addressLines: [],
    city: '',
    region: '',
    postalCode: '',
    country: '',
    company: '',
    birthDate: null,
    notes: '',
  },
  historyFields: [],
} as const;
