// The cheap pre-check run before detection: does this root contain any field a person types into?
// Pages without one (articles, feeds, most of the web) must cost next to nothing.
import { isTextLike, walkComposed } from './walk-tree';
import type { DetectRoot, FormControl } from './types';

function anyTextLikeIn(scope: DetectRoot): boolean {
  for (const input of Array.from(scope.querySelectorAll('input'))) {
    if (isTextLike(input as FormControl)) return true;
  }
  return false;
}

/** True when `root` (or an open shadow root inside it) has a text, email, password, tel or number input. */
export function hasCandidateFields(root: DetectRoot): boolean {
  if (root.nodeType === 1 && (root as Element).localName === 'input' && isTextLike(root as FormControl)) return true;
  if (anyTextLikeIn(root)) return true;
  // Shadow roots are invisible to querySelector: look inside each open one (one pass over the tree).
  let found = false;
  walkComposed(root, (element) => {
    if (!found && element.shadowRoot !== null && anyTextLikeIn(element.shadowRoot)) found = true;
  });
  return found;
}
