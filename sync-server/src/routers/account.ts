// account.*: prelogin, register, login (public) and changeMasterPassword, resetMasterPassword, delete (signed in).
import {
  changeMasterPasswordInputSchema,
  resetMasterPasswordInputSchema,
  deleteAccountInputSchema,
  loginInputSchema,
  preloginInputSchema,
  registerInputSchema,
} from '@keyhold/shared/sync/protocol';
import type { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc';

/**
 * The shared email schema checks the shape loosely and lets control characters through. No real
 * address has one, and PostgreSQL cannot store a NUL in text at all, so the server refuses them as
 * bad input (400) before any database sees them, the same on every adapter.
 */
function plainEmail<Schema extends z.ZodType<{ email: string }>>(schema: Schema) {
  return schema.refine((input) => !/\p{Cc}/u.test(input.email), { message: 'must not contain control characters', path: ['email'] });
}

/**
 * A device name is shown to the account's other devices (the session list). Format characters
 * (Unicode Cf: bidi overrides and isolates, zero-width joiners and spaces…) can make one name read as
 * another ("‮Phone" shown reversed), and control characters have no place in a name: both are refused.
 */
function plainDeviceName<Schema extends z.ZodType<{ deviceName: string }>>(schema: Schema) {
  return schema.refine((input) => !/[\p{Cc}\p{Cf}]/u.test(input.deviceName), {
    message: 'must not contain control or format characters (such as bidi overrides)',
    path: ['deviceName'],
  });
}

export const accountRouter = router({
  prelogin: publicProcedure
    .input(plainEmail(preloginInputSchema))
    .query(({ ctx, input }) => ctx.app.accounts.prelogin(input, { origin: ctx.origin })),
  register: publicProcedure
    .input(plainDeviceName(plainEmail(registerInputSchema)))
    .mutation(({ ctx, input }) => ctx.app.accounts.register(input, { ip: ctx.ip })),
  login: publicProcedure
    .input(plainDeviceName(plainEmail(loginInputSchema)))
    .mutation(({ ctx, input }) => ctx.app.accounts.login(input, { ip: ctx.ip })),
  changeMasterPassword: authedProcedure
    .input(changeMasterPasswordInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.app.accounts.changeMasterPassword({ accountId: ctx.account.id, sessionId: ctx.session.id }, input, { ip: ctx.ip }),
    ),
  resetMasterPassword: authedProcedure
    .input(resetMasterPasswordInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.app.accounts.resetMasterPassword({ accountId: ctx.account.id, sessionId: ctx.session.id }, input, { ip: ctx.ip }),
    ),
  delete: authedProcedure
    .input(deleteAccountInputSchema)
    .mutation(({ ctx, input }) => ctx.app.accounts.delete({ accountId: ctx.account.id }, input, { ip: ctx.ip })),
});
