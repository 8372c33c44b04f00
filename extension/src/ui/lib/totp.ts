// One-time codes (RFC 6238) as the UI shows them: the current code and the seconds left, or why the
// stored secret cannot produce one. shared/totp (on otpauth) loads on first use, off the first paint.
export type TotpReading = { ok: true; code: string; remainingSeconds: number; period: number } | { ok: false; reason: string };
export type TotpApi = { read(secret: string, nowMs: number): TotpReading };

let loading: Promise<TotpApi> | null = null;

export function loadTotp(): Promise<TotpApi> {
  loading ??= Promise.all([import('@keyhold/shared/totp/parse-totp'), import('@keyhold/shared/totp/totp-code')]).then(
    ([{ parseTotp }, { totpCode }]) => ({
      read(secret, nowMs) {
        const parsed = parseTotp(secret);
        if (!parsed.ok) return { ok: false, reason: parsed.message };
        const { code, remainingSeconds } = totpCode(parsed.config, nowMs);
        return { ok: true, code, remainingSeconds, period: parsed.config.period };
      },
    }),
  );
  loading.catch(() => (loading = null));
  return loading;
}

/** "123 456" — codes are read out in two halves. */
export function groupCode(code: string): string {
  return code.length >= 6 ? `${code.slice(0, Math.ceil(code.length / 2))} ${code.slice(Math.ceil(code.length / 2))}` : code;
}
