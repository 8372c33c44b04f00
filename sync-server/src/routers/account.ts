// account.*: prelogin, register, login (public) and changeMasterPassword, delete (signed in).
import {
  changeMasterPasswordInputSchema,
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

export const accountRouter = router({
  prelogin: publicProcedure.input(plainEmail(preloginInputSchema)).query(({ ctx, input }) => ctx.app.accounts.prelogin(input)),
  register: publicProcedure.input(plainEmail(registerInputSchema)).mutation(({ ctx, input }) => ctx.app.accounts.register(input, { ip: ctx.ip })),
  login: publicProcedure.input(plainEmail(loginInputSchema)).mutation(({ ctx, input }) => ctx.app.accounts.login(input, { ip: ctx.ip })),
  changeMasterPassword: authedProcedure
    .input(changeMasterPasswordInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.app.accounts.changeMasterPassword({ accountId: ctx.account.id, sessionId: ctx.session.id }, input, { ip: ctx.ip }),
    ),
  delete: authedProcedure
    .input(deleteAccountInputSchema)
    .mutation(({ ctx, input }) => ctx.app.accounts.delete({ accountId: ctx.account.id }, input, { ip: ctx.ip })),
});
