// Can the user see this frame where we are about to fill? A page can embed another site's login in
// an iframe it makes transparent, hides, shrinks or covers; the frame's own document cannot tell from
// its own styles. Two ways to know:
// - The embedding chain, where this frame may see it (each ancestor that is same-origin with the
//   frame exposes its frame element): every frame element up to the top is checked with the rules a
//   field is (fill/check-visibility.ts) at the point where the field is. A level that fails is final.
//   A cross-origin ancestor hides the rest of the chain (frameElement is null there).
// - Chromium's IntersectionObserver v2 (trackVisibility), which sees through every origin: isVisible
//   is false when the target is occluded, transparent, filtered or transformed by anything, the
//   embedding pages included. Our own UI would count as occlusion too, so the question is asked of a
//   tiny probe of ours, put in this frame's top layer at the field's centre (where the menu and icon
//   never are) and removed after the answer.
// Chromium asks both. Firefox has no v2: there a frame is vouched for only when its whole chain is
// same-origin with it and passes. The top frame cannot be hidden from the user by a page, so it is
// not asked.
import { checkFrameChain, hasVisibilityVerdict } from '../fill/check-visibility';

const ANSWER_TIMEOUT_MS = 1000;

export type FrameVisibility = (field: Element) => Promise<boolean>;

export function createFrameVisibility(view: Window & typeof globalThis, ownHosts: Set<Element>): FrameVisibility {
  if (view === view.top) return async () => true;
  const askBrowser = hasVisibilityVerdict(view) ? browserVerdict(view, ownHosts) : null;
  return async (field) => {
    const chain = checkFrameChain(field);
    if (chain === 'hidden') return false;
    return askBrowser !== null ? askBrowser(field) : chain === 'visible';
  };
}

/** IntersectionObserver v2's verdict on a probe of ours at the field's centre. */
function browserVerdict(view: Window & typeof globalThis, ownHosts: Set<Element>): FrameVisibility {
  const document = view.document;
  return (field) =>
    new Promise<boolean>((resolve) => {
      const rect = field.getBoundingClientRect();
      const probe = document.createElement('keyhold-probe');
      ownHosts.add(probe);
      probe.setAttribute('popover', 'manual');
      probe.setAttribute(
        'style',
        [
          'all: initial',
          'position: fixed',
          'inset: auto',
          'margin: 0',
          'padding: 0',
          'border: 0',
          'display: block',
          `left: ${Math.round(rect.left + rect.width / 2 - 2)}px`,
          `top: ${Math.round(rect.top + rect.height / 2 - 2)}px`,
          'width: 4px',
          'height: 4px',
          'pointer-events: none',
          'background: transparent',
        ]
          .map((d) => `${d} !important`)
          .join('; '),
      );
      let settled = false;
      const finish = (visible: boolean) => {
        if (settled) return;
        settled = true;
        observer.disconnect();
        clearTimeout(timer);
        if (probe.matches(':popover-open')) probe.hidePopover();
        probe.remove();
        ownHosts.delete(probe);
        resolve(visible);
      };
      const observer = new view.IntersectionObserver(
        (entries) => finish((entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined)?.isVisible === true),
        { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      const timer = setTimeout(() => finish(false), ANSWER_TIMEOUT_MS);
      document.documentElement.append(probe);
      probe.showPopover();
      observer.observe(probe);
    });
}
