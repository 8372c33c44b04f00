// Field paths name what a conflict or a history entry is about: a top-level member of the item
// ('name', 'password', 'trashedAt'), or one member of one element of a keyed list
// ('urls/<url>/match', 'customFields/<id>/value'). Segments are escaped as in JSON Pointer
// (RFC 6901 §3: '~' is written '~0' and '/' is written '~1'), so URLs are safe as segments.

/** Lists merged element by element, and the member that identifies an element. */
const LIST_KEYS: Readonly<Record<string, string>> = { urls: 'url' };

/** The identifying member of elements of a keyed list field: 'url' for URLs, else 'id'. */
export function listKeyOf(field: string): string {
  return LIST_KEYS[field] ?? 'id';
}

export function fieldPath(segments: readonly string[]): string {
  return segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

export function parseFieldPath(path: string): string[] {
  return path.split('/').map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

type Member = Record<string, unknown>;

function isMember(value: unknown): value is Member {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path, or undefined when the member or the list element is not there. */
export function readPath(item: object, path: string): unknown {
  const [field = '', elementKey, member] = parseFieldPath(path);
  const value = (item as Member)[field];
  if (elementKey === undefined || member === undefined) return value;
  if (!Array.isArray(value)) return undefined;
  const keyName = listKeyOf(field);
  const element: unknown = value.find((candidate) => isMember(candidate) && candidate[keyName] === elementKey);
  return isMember(element) ? element[member] : undefined;
}

/** A copy of the item with the value at the path replaced (undefined removes the member). */
export function writePath<T extends object>(item: T, path: string, value: unknown): T {
  const [field = '', elementKey, member] = parseFieldPath(path);
  const copy: Member = { ...(item as unknown as Member) };
  if (elementKey === undefined || member === undefined) {
    if (value === undefined) delete copy[field];
    else copy[field] = value;
    return copy as T;
  }
  const list = copy[field];
  if (!Array.isArray(list)) return item;
  const keyName = listKeyOf(field);
  copy[field] = list.map((element: unknown) => {
    if (!isMember(element) || element[keyName] !== elementKey) return element;
    const updated: Member = { ...element };
    if (value === undefined) delete updated[member];
    else updated[member] = value;
    return updated;
  });
  return copy as T;
}
