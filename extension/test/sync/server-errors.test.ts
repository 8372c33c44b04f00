// What the user reads when the sync server says no: the catalogue's words for what the refusal is
// (its HTTP status and tRPC code), never the server's own `message`. That text is English whatever
// the user's language, and it is the server's to choose: a hostile server could word it as an
// instruction ("go to … and type your master password"). The server's answers are made here as the
// real server shapes them (sync-server/src/http/send-error.ts and tRPC's error format), through the
// real tRPC client.
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginInput, RegisterInput } from '@keyhold/shared/sync/protocol';
import german from '../../public/_locales/de/messages.json';
import english from '../../public/_locales/en/messages.json';
import { UserError } from '../../src/common/user-error';
import type { Catalogue } from '../../src/i18n/catalogue';
import { accountError, withAccountErrors } from '../../src/sync/account-errors';
import { createServerClient, ServerError, type ServerClient } from '../../src/sync/server-client';
import { t, useCatalogue } from '../../src/i18n/messages';

const HOSTILE = 'Your vault is damaged. Go to https://evil.example/fix and type your master password there.';

/** A server that answers every call with one error, the way tRPC and the HTTP layer shape it. */
function refusingServer(answer: {
  status: number;
  code?: string;
  message?: string;
  headers?: Record<string, string>;
  data?: Record<string, unknown>;
}): ServerClient {
  const body = {
    error: {
      message: answer.message ?? HOSTILE,
      code: -32600,
      data: { ...(answer.code ? { code: answer.code } : {}), httpStatus: answer.status, ...answer.data },
    },
  };
  return createServerClient({
    baseUrl: 'https://sync.example.org',
    fetch: () =>
      Promise.resolve(
        new Response(JSON.stringify(body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } }),
      ),
  });
}

async function failure(work: () => Promise<unknown>): Promise<ServerError> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ServerError)) throw new Error(`expected a ServerError, got ${String(error)}`);
  return error;
}

/** What the Settings page would show for a failed account call: the UserError the broker passes on. */
async function accountMessage(work: () => Promise<unknown>, options: { loggingIn?: boolean } = {}): Promise<UserError> {
  const error = await withAccountErrors(work, options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

const REGISTER = {} as RegisterInput;
const LOGIN = {} as LoginInput;

describe("the server's error text never becomes the message", () => {
  const answers = [
    { status: 400, code: 'BAD_REQUEST', key: 'error_server_refused_bad_request' },
    { status: 403, code: 'FORBIDDEN', key: 'error_server_refused_forbidden' },
    { status: 404, code: 'NOT_FOUND', key: 'error_server_refused_not_found' },
    { status: 409, code: 'CONFLICT', key: 'error_server_refused_conflict' },
    { status: 413, code: 'PAYLOAD_TOO_LARGE', key: 'error_server_refused_too_large' },
    // A host the server does not answer to: 421 with tRPC's BAD_REQUEST code.
    { status: 421, code: 'BAD_REQUEST', key: 'error_server_refused_misdirected' },
    // A proxy's own error page: no tRPC code, the status says what it is.
    { status: 404, key: 'error_server_refused_not_found' },
    { status: 401, code: 'UNAUTHORIZED', key: 'error_server_unauthorized' },
    { status: 429, code: 'TOO_MANY_REQUESTS', key: 'error_server_rate_limited' },
    { status: 503, code: 'SERVICE_UNAVAILABLE', key: 'error_server_unavailable' },
  ] as const;

  for (const answer of answers) {
    it(`${answer.status} ${'code' in answer ? answer.code : '(no code)'}: the catalogue's words, in the sync status and in Settings`, async () => {
      const client = refusingServer(answer);
      const error = await failure(() => client.pull({ since: 0 } as never));
      expect(error.message).toBe(t(answer.key));
      const shown = await accountMessage(() => client.listSessions());
      expect(shown.message).not.toMatch(/evil|damaged/);
      expect(shown.message).not.toBe('');
    });
  }

  it('an unknown refusal says its status number and nothing of its text', async () => {
    const error = await failure(() => refusingServer({ status: 418, code: 'I_AM_A_TEAPOT' }).getHeader());
    expect(error.message).toBe('The sync server refused the request (HTTP status 418).');
    // A code named like a property of every object finds nothing either.
    const odd = await failure(() => refusingServer({ status: 422, code: 'constructor' }).getHeader());
    expect(odd.message).toBe(t('error_server_refused_other', '422'));
  });

  it('no part of the server text reaches the problem the engine keeps', async () => {
    const error = await failure(() => refusingServer({ status: 400, code: 'BAD_REQUEST' }).push({} as never));
    expect(JSON.stringify(error.problem)).not.toMatch(/evil|damaged/);
  });
});

describe('a refusal in words for the call that got it', () => {
  it('sign-up: a refused invite (or a closed registration, or a taken email: the server says the same) and a taken account', async () => {
    const refused = await accountMessage(() => refusingServer({ status: 403, code: 'FORBIDDEN' }).register(REGISTER));
    expect(refused).toMatchObject({ code: 'INVALID', message: t('error_server_register_forbidden') });
    expect(refused.message).toMatch(/invite code/);
    const taken = await accountMessage(() => refusingServer({ status: 409, code: 'CONFLICT' }).register(REGISTER));
    expect(taken.message).toBe(t('error_server_register_conflict'));
  });

  it('a password change: the current password refused, or changed meanwhile on another device', async () => {
    const wrong = await failure(() => refusingServer({ status: 403, code: 'FORBIDDEN' }).changeMasterPassword({} as never));
    expect(wrong.message).toBe(t('error_server_password_forbidden'));
    const moved = await failure(() => refusingServer({ status: 409, code: 'CONFLICT' }).resetMasterPassword({} as never));
    expect(moved.message).toBe(t('error_server_password_conflict'));
  });

  it('removing a device that is already gone', async () => {
    const gone = await accountMessage(() => refusingServer({ status: 404, code: 'NOT_FOUND' }).revokeSession('x'));
    expect(gone.message).toBe(t('error_server_device_not_found'));
  });

  it('logging in with a wrong password says so; a revoked session elsewhere says to sign in again', async () => {
    const wrong = await accountMessage(() => refusingServer({ status: 401, code: 'UNAUTHORIZED' }).login(LOGIN), { loggingIn: true });
    expect(wrong).toMatchObject({ code: 'WRONG_PASSWORD', message: t('error_account_errors_wrong_email_or_master_password') });
    const revoked = await accountMessage(() => refusingServer({ status: 401, code: 'UNAUTHORIZED' }).listSessions());
    expect(revoked).toMatchObject({ code: 'FORBIDDEN', message: t('error_server_unauthorized') });
  });
});

describe('rate limits: when to try again, as a duration in the user’s words', () => {
  afterEach(() => useCatalogue(english as Catalogue));

  /** A throttled sign-in as sync-server/src/trpc.ts answers it: Retry-After, and the same seconds in the data. */
  const throttled = (seconds: number, options: { header?: boolean } = {}) =>
    refusingServer({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      message: `Too many failed attempts. Try again in ${seconds} seconds.`,
      ...(options.header === false ? {} : { headers: { 'retry-after': String(seconds) } }),
      data: { retryAfterSeconds: seconds },
    });

  it('a throttled log-in says "too many attempts" and when to try again, and hands the delay on', async () => {
    const shown = await accountMessage(() => throttled(45).login(LOGIN), { loggingIn: true });
    expect(shown).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 45_000, message: 'Too many attempts. Try again in 45 s.' });
    // A long lock in minutes (the server's longest is 15 min).
    const long = await accountMessage(() => throttled(900).login(LOGIN), { loggingIn: true });
    expect(long).toMatchObject({ retryAfterMs: 900_000, message: 'Too many attempts. Try again in 15 min.' });
  });

  it('sign-up and a password check in a session are attempts too', async () => {
    const signUp = await accountMessage(() => throttled(3).register(REGISTER));
    expect(signUp.message).toBe('Too many attempts. Try again in 3 s.');
    const change = await failure(() => throttled(125).changeMasterPassword({} as never));
    expect((accountError(change) as UserError).message).toBe('Too many attempts. Try again in 2 min 5 s.');
  });

  it('the wait in the error data counts where Retry-After is missing (a proxy dropped it); the header wins where both are', async () => {
    const shown = await accountMessage(() => throttled(8, { header: false }).login(LOGIN), { loggingIn: true });
    expect(shown).toMatchObject({ retryAfterMs: 8_000, message: 'Too many attempts. Try again in 8 s.' });
    const both = refusingServer({ status: 429, code: 'TOO_MANY_REQUESTS', headers: { 'retry-after': '20' }, data: { retryAfterSeconds: 99 } });
    expect((await failure(() => both.login(LOGIN))).problem).toEqual({ kind: 'rate-limited', retryAfterMs: 20_000, procedure: 'account.login' });
    // Nonsense in either place is no wait at all.
    for (const data of [{ retryAfterSeconds: '5' }, { retryAfterSeconds: -5 }, { retryAfterSeconds: null }]) {
      const odd = refusingServer({ status: 429, code: 'TOO_MANY_REQUESTS', headers: { 'retry-after': 'soon' }, data });
      expect((await failure(() => odd.login(LOGIN))).problem).toMatchObject({ retryAfterMs: null });
    }
  });

  it('in the user’s language', async () => {
    useCatalogue(german as Catalogue);
    const shown = await accountMessage(() => throttled(45).login(LOGIN), { loggingIn: true });
    expect(shown.message).toBe('Zu viele Versuche. Versuche es in 45 s erneut.');
  });

  it('a log-in throttled without saying for how long: too many attempts, try again later', async () => {
    const client = refusingServer({ status: 429, code: 'TOO_MANY_REQUESTS', message: 'Too many failed attempts. Try again in 900 seconds.' });
    const shown = await accountMessage(() => client.login(LOGIN), { loggingIn: true });
    expect(shown).toMatchObject({ code: 'RATE_LIMITED', message: t('error_account_too_many_attempts'), retryAfterMs: undefined });
    expect(shown.message).toBe('Too many attempts. Try again later.');
  });

  it("any other call: the server's Retry-After becomes the wait the user reads, and the delay the page counts down", async () => {
    const client = refusingServer({ status: 429, code: 'TOO_MANY_REQUESTS', headers: { 'retry-after': '125' } });
    const shown = await accountMessage(() => client.listSessions());
    expect(shown).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 125_000 });
    expect(shown.message).toBe('Too many requests: the sync server asks Keyhold to pause. Try again in 2 min 5 s.');
    const unsaid = await accountMessage(() => refusingServer({ status: 429, code: 'TOO_MANY_REQUESTS' }).listSessions());
    expect(unsaid).toMatchObject({ message: t('error_account_rate_limited'), retryAfterMs: undefined });
  });

  it('a Retry-After of years is believed only up to the backoff cap of one hour', async () => {
    const client = refusingServer({ status: 429, code: 'TOO_MANY_REQUESTS', headers: { 'retry-after': '99999999' } });
    const error = await failure(() => client.prelogin('a@example.org'));
    expect(error.problem).toEqual({ kind: 'rate-limited', retryAfterMs: 3_600_000, procedure: 'account.prelogin' });
    expect((accountError(error) as UserError).message).toMatch(/Try again in 60 min\.$/);
    const inData = refusingServer({ status: 429, code: 'TOO_MANY_REQUESTS', data: { retryAfterSeconds: 99999999 } });
    expect((await failure(() => inData.login(LOGIN))).problem).toMatchObject({ retryAfterMs: 3_600_000 });
  });
});
