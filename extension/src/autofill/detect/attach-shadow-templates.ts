// Declarative shadow DOM (`<template shadowrootmode="open">`, HTML §4.12.3) for parsers that do not
// attach it themselves — jsdom, or markup inserted with innerHTML. Used by the classify CLI, the tests
// and the bench so fixtures mean the same thing there as in a browser that parsed the page.

/** Replaces each declarative shadow template under `root` with a real shadow root on its parent. */
export function attachShadowTemplates(root: Document | ShadowRoot | Element): number {
  let attached = 0;
  // Innermost first is not needed: a template's content is moved as a whole, and nested templates are
  // handled when we recurse into the new shadow root.
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode], template[shadowroot]'))) {
    const host = template.parentElement;
    const mode = (template.getAttribute('shadowrootmode') ?? template.getAttribute('shadowroot') ?? '').toLowerCase();
    if (host === null || (mode !== 'open' && mode !== 'closed') || host.shadowRoot !== null) continue;
    const shadow = host.attachShadow({ mode: mode as ShadowRootMode });
    shadow.appendChild((template as HTMLTemplateElement).content);
    template.remove();
    attached += 1 + attachShadowTemplates(shadow);
  }
  return attached;
}
