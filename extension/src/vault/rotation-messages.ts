// The key rotation's page-only messages (merged into messaging/protocol.ts MESSAGES); content scripts
// may send none of them. Every answer is the rotation's state (vault/rotation-machine.ts), which the
// Settings section polls while a rotation runs.
import { z } from 'zod';
import { noRequest, page, passwordSchema } from '../messaging/request-schemas';
import type { RotationState } from './rotation-machine';

export const ROTATION_MESSAGES = {
  'rotation.status': page(noRequest),
  /** `recovery`: 'new' also replaces the recovery key (vault/rotation-recovery.ts); absent keeps it. */
  'rotation.start': page(z.strictObject({ password: passwordSchema, recovery: z.enum(['keep', 'new']).optional() })),
  'rotation.resume': page(noRequest),
  'rotation.cancel': page(noRequest),
  'rotation.dismiss': page(noRequest),
} as const;

export type RotationResponses = {
  'rotation.status': RotationState;
  'rotation.start': RotationState;
  'rotation.resume': RotationState;
  'rotation.cancel': RotationState;
  'rotation.dismiss': RotationState;
};
