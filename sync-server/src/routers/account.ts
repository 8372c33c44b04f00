// account.*: prelogin, register, login (public) and changeMasterPassword, delete (signed in).
import {
  changeMasterPasswordInputSchema,
  deleteAccountInputSchema,
  loginInputSchema,
  preloginInputSchema,
  registerInputSchema,
} from '@keyhold/shared/sync/protocol';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const accountRouter = router({
  prelogin: publicProcedure.input(preloginInputSchema).query(({ ctx, input }) => ctx.app.accounts.prelogin(input)),
  register: publicProcedure.input(registerInputSchema).mutation(({ ctx, input }) => ctx.app.accounts.register(input, { ip: ctx.ip })),
  login: publicProcedure.input(loginInputSchema).mutation(({ ctx, input }) => ctx.app.accounts.login(input, { ip: ctx.ip })),
  changeMasterPassword: authedProcedure
    .input(changeMasterPasswordInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.app.accounts.changeMasterPassword({ accountId: ctx.account.id, sessionId: ctx.session.id }, input, { ip: ctx.ip }),
    ),
  delete: authedProcedure
    .input(deleteAccountInputSchema)
    .mutation(({ ctx, input }) => ctx.app.accounts.delete({ accountId: ctx.account.id }, input, { ip: ctx.ip })),
});
