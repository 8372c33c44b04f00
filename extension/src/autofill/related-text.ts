// How a login of a related site is labelled wherever it is offered (inline menu, popup): the site it
// was saved for, so the user sees whose login this is before choosing it. One place for the string
// (the UI has no translation layer yet; when it gets one, this moves into it).
export const fromSite = (domain: string): string => `from ${domain}`;

/** A login saved on another subdomain of the site (a sibling match): the host it was saved for. */
export const savedForHost = (host: string): string => `saved for ${host}`;

/** The question a sibling-subdomain fill asks once, naming both hosts. */
export const useOnHostQuestion = (savedFor: string, pageHost: string): string => `Use your ${savedFor} login on ${pageHost}?`;
