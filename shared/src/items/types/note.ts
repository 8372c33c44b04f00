// Secure notes: only the common members in the overview; the text is in the details.
import { z } from 'zod';
import { detailsCommonShape, overviewCommonShape, type Known } from '../schema-common';

export const noteOverviewSchema = z.looseObject({ ...overviewCommonShape, type: z.literal('note') });
export const noteDetailsSchema = z.looseObject({ ...detailsCommonShape, type: z.literal('note'), text: z.string() });

export type NoteOverview = Known<z.output<typeof noteOverviewSchema>>;
export type NoteDetails = Known<z.output<typeof noteDetailsSchema>>;

export const noteSpec = {
  overview: noteOverviewSchema,
  details: noteDetailsSchema,
  derive: () => ({}),
  defaults: { text: '' },
  historyFields: [],
} as const;
