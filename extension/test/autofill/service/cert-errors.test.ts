// The certificate-error memory (service/cert-errors.ts): what counts, per host whatever the port, for
// as long as Chromium keeps a "proceed" decision, and nothing for other errors or plain http.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/autofill/service/key-value-store';
import { CERT_DECISION_MS, createCertErrors, isCertificateError } from '../../../src/autofill/service/cert-errors';

function world() {
  let clock = 1_700_000_000_000;
  const errors = createCertErrors(createMemoryStore(), () => clock);
  return { errors, advance: (ms: number) => (clock += ms) };
}

describe('cert errors', () => {
  it("knows Chromium's certificate errors and nothing else", () => {
    for (const error of ['net::ERR_CERT_AUTHORITY_INVALID', 'net::ERR_CERT_DATE_INVALID', 'net::ERR_CERTIFICATE_TRANSPARENCY_REQUIRED'])
      expect(isCertificateError(error), error).toBe(true);
    for (const error of ['net::ERR_ABORTED', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_SSL_PROTOCOL_ERROR', ''])
      expect(isCertificateError(error), error).toBe(false);
  });

  it('remembers the host, on every port, for as long as Chromium keeps the decision', async () => {
    const { errors, advance } = world();
    await errors.record('https://bank.example:8443/login', 'net::ERR_CERT_AUTHORITY_INVALID');
    expect(await errors.bypassed('https://bank.example/other')).toBe(true);
    expect(await errors.bypassed('https://www.bank.example/', null)).toBe(false);
    expect(await errors.bypassed(null, 'https://shop.example/', 'https://bank.example:9/')).toBe(true);
    advance(CERT_DECISION_MS - 1);
    expect(await errors.bypassed('https://bank.example/')).toBe(true);
    advance(1);
    expect(await errors.bypassed('https://bank.example/')).toBe(false);
  });

  it('ignores other errors, http pages and URLs that do not parse', async () => {
    const { errors } = world();
    await errors.record('https://bank.example/', 'net::ERR_ABORTED');
    await errors.record('http://plain.example/', 'net::ERR_CERT_AUTHORITY_INVALID');
    await errors.record('not a url', 'net::ERR_CERT_AUTHORITY_INVALID');
    expect(await errors.bypassed('https://bank.example/', 'http://plain.example/', 'https://plain.example/', 'not a url')).toBe(false);
  });

  it('a host named like an object property is just a host', async () => {
    const { errors } = world();
    expect(await errors.bypassed('https://__proto__/', 'https://constructor/')).toBe(false);
    await errors.record('https://constructor/', 'net::ERR_CERT_INVALID');
    expect(await errors.bypassed('https://constructor/')).toBe(true);
  });
});
