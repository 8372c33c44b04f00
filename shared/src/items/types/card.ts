// Payment cards. The overview shows only the brand and the last four digits (derived from the
// number, which stays in the details with the expiry, security code and PIN).
import { z } from 'zod';
import { detailsCommonShape, overviewCommonShape, type Known } from '../schema-common';

export const cardOverviewSchema = z.looseObject({
  ...overviewCommonShape,
  type: z.literal('card'),
  /** Free text as the user or an importer gave it ('Visa', 'Mastercard', ...). */
  brand: z.string(),
  /** Derived from the details' `number`: its last four digits, '' when it has fewer. */
  last4: z.string(),
});

export const cardDetailsSchema = z.looseObject({
  ...detailsCommonShape,
  type: z.literal('card'),
  cardholder: z.string(),
  /** As entered; spaces and dashes are allowed and ignored for `last4`. */
  number: z.string(),
  expMonth: z.int().min(1).max(12).nullable(),
  expYear: z.int().min(1900).max(9999).nullable(),
  securityCode: z.string(),
  pin: z.string(),
  notes: z.string(),
});

export type CardOverview = Known<z.output<typeof cardOverviewSchema>>;
export type CardDetails = Known<z.output<typeof cardDetailsSchema>>;

function lastFourDigits(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : '';
}

export const cardSpec = {
  overview: cardOverviewSchema,
  details: cardDetailsSchema,
  derive: (item: { number: string }) => ({ last4: lastFourDigits(item.number) }),
  defaults: { brand: '', cardholder: '', number: '', expMonth: null, expYear: null, securityCode: '', pin: '', notes: '' },
  historyFields: [],
} as const;
