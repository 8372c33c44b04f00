// The element our in-page UI lives in: a closed shadow root (page scripts cannot reach inside) in a
// manual popover (the top layer, above the page's own content and dialogs). The page can still
// touch the host element itself, so the host watches for that: removed, restyled, hidden, covered by
// a later top-layer element, or made see-through (on itself, html or body) — and then reports it
// "broken", after which its owner closes it and fills nothing (docs/architecture.md, "Autofill rules").
// An IntersectionObserver v2 (trackVisibility) adds the browser's own occlusion and opacity verdict;
// where there is none (Firefox), a sub-frame's embedding chain stands in (check-visibility.ts).
import { checkFrameChain, hasVisibilityVerdict } from '../fill/check-visibility';
import { localeAttributes } from '../../i18n/locale';

export type HostProblem = 'removed' | 'restyled' | 'hidden' | 'transparent' | 'covered' | 'not-visible';

// Inline !important beats every author rule; the same declarations inside the shadow root's :host
// rule beat the page's !important rules too (CSS Scoping §3.3: for important declarations the inner
// context wins — which is also why the position goes into a :host rule of its own, see place()).
const HOST_STYLE = [
  'all: initial',
  'position: fixed',
  'right: auto',
  'bottom: auto',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'overflow: visible',
  'display: block',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'filter: none',
  'clip-path: none',
  'mask: none',
  'mix-blend-mode: normal',
  'pointer-events: auto',
  'z-index: 2147483647',
  'background: transparent',
  'width: auto',
  'height: auto',
];

const HOST_CSS = `:host { ${HOST_STYLE.map((d) => `${d} !important`).join('; ')} }
:host::before, :host::after, :host::backdrop { content: none !important; display: none !important; }`;

const TOP_LAYER = ':popover-open, :modal, :fullscreen';
/** Opacity below this on html or body means the page is fading our UI out from under the user. */
const MIN_PAGE_OPACITY = 0.99;

export type UiHost = {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** Shows the host at a viewport position (CSS px). */
  show(position: { left: number; top: number }): void;
  move(position: { left: number; top: number }): void;
  /** Removes the host and stops watching. */
  remove(): void;
  /** The synchronous integrity checks; null when intact. */
  problem(): HostProblem | null;
  /** When the host was last shown (performance.now()). */
  shownAt(): number;
  /**
   * The browser's visibility verdict (IntersectionObserver v2): false until its first report. Where
   * the browser has no such verdict (Firefox), the embedding chain's: in a sub-frame, true only when
   * every frame element up to the top is same-origin and visible at our host (check-visibility.ts).
   */
  browserSaysVisible(): boolean;
  isOwn(element: Element): boolean;
};

export function createUiHost(options: {
  document: Document;
  tag: string;
  css: string;
  /** All of our hosts in this document (this one is added): they never count as covering each other. */
  ownHosts: Set<Element>;
  onBroken: (problem: HostProblem) => void;
  /**
   * Ask the browser's IntersectionObserver v2 too (default). It costs an occlusion test about ten
   * times a second while the page paints; UI that only leads to other UI (the field icon opens the
   * menu, which has its own) can do without.
   */
  trackVisibility?: boolean;
}): UiHost {
  const { document } = options;
  const view = document.defaultView!;
  const host = document.createElement(options.tag);
  // Our words' language and direction, whatever the page's (docs/architecture.md, "Strings and locales").
  const { lang, dir } = localeAttributes();
  host.lang = lang;
  host.dir = dir;
  const root = host.attachShadow({ mode: 'closed' });
  options.ownHosts.add(host);
  const trackVisibility = options.trackVisibility ?? true;
  const browserHasV2 = hasVisibilityVerdict(view as Window & typeof globalThis);
  const v2 = trackVisibility && browserHasV2;
  const style = document.createElement('style');
  style.textContent = `${HOST_CSS}\n${options.css}`;
  const placement = document.createElement('style');
  root.append(style, placement);

  let expectedStyle = '';
  let shownAt = 0;
  let visible = false;
  let topLayerAtShow = new Set<Element>();
  let watching = false;

  const mutations = new view.MutationObserver(() => report(problem()));
  // Only where it is asked: the icon does without, and Firefox has no verdict to give.
  const visibility = v2
    ? new view.IntersectionObserver(
        (entries) => {
          const last = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
          const was = visible;
          visible = last?.isVisible === true;
          // Seen, then hidden or covered: the page did something to us. (Until the first "visible"
          // report, activation is simply refused: check-activation.ts.)
          if (was && !visible) report('not-visible');
        },
        { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      )
    : null;

  function onToggle(event: Event): void {
    const target = event.target as Element;
    if (target === host) {
      if ((event as ToggleEvent).newState === 'closed') report('hidden');
      return;
    }
    // Any other element entering the top layer after us is drawn above us.
    if ((event as ToggleEvent).newState === 'open' && !options.ownHosts.has(target)) report('covered');
  }

  function onFullscreen(): void {
    report('covered');
  }

  function report(found: HostProblem | null): void {
    if (found === null || !watching) return;
    stopWatching();
    options.onBroken(found);
  }

  function styleText(at: { left: number; top: number }): string {
    const place = [`left: ${Math.round(at.left)}px`, `top: ${Math.round(at.top)}px`].map((d) => `${d} !important`).join('; ');
    placement.textContent = `:host { ${place} }`;
    return [...HOST_STYLE.map((d) => `${d} !important`), place].join('; ');
  }

  function startWatching(): void {
    watching = true;
    mutations.observe(host, { attributes: true });
    mutations.observe(document.documentElement, { childList: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
    if (document.body) mutations.observe(document.body, { attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
    view.addEventListener('toggle', onToggle, true);
    document.addEventListener('fullscreenchange', onFullscreen, true);
    visibility?.observe(host);
  }

  function stopWatching(): void {
    watching = false;
    mutations.disconnect();
    visibility?.disconnect();
    view.removeEventListener('toggle', onToggle, true);
    document.removeEventListener('fullscreenchange', onFullscreen, true);
  }

  function opacityOf(element: Element | null): number {
    return element === null ? 1 : Number.parseFloat(view.getComputedStyle(element).opacity || '1');
  }

  function problem(): HostProblem | null {
    if (!host.isConnected || host.parentNode !== document.documentElement) return 'removed';
    // Our four attributes (lang and dir from creation, popover and style from show()) and no other.
    const ours = host.attributes.length === 4 && host.getAttribute('lang') === lang && host.getAttribute('dir') === dir;
    if (host.getAttribute('style') !== expectedStyle || !ours) return 'restyled';
    if (!host.matches(':popover-open')) return 'hidden';
    const own = view.getComputedStyle(host);
    if (own.display === 'none' || own.visibility !== 'visible') return 'hidden';
    if (own.opacity !== '1' || own.filter !== 'none' || own.transform !== 'none' || own.clipPath !== 'none') return 'restyled';
    for (const element of [document.documentElement, document.body]) {
      if (element === null) continue;
      const page = view.getComputedStyle(element);
      if (opacityOf(element) < MIN_PAGE_OPACITY || page.filter !== 'none' || page.visibility !== 'visible') return 'transparent';
    }
    for (const element of document.querySelectorAll(TOP_LAYER)) {
      if (!options.ownHosts.has(element) && !topLayerAtShow.has(element)) return 'covered';
    }
    return null;
  }

  return {
    host,
    root,
    show(position) {
      expectedStyle = styleText(position);
      host.setAttribute('popover', 'manual');
      host.setAttribute('style', expectedStyle);
      topLayerAtShow = new Set(document.querySelectorAll(TOP_LAYER));
      document.documentElement.append(host);
      host.showPopover();
      shownAt = performance.now();
      visible = false;
      startWatching();
    },
    move(position) {
      if (!watching) return;
      const next = styleText(position);
      if (next === expectedStyle) return;
      expectedStyle = next;
      host.setAttribute('style', next);
      // Our own write is not the page's: drop the record it produced.
      mutations.takeRecords();
    },
    remove() {
      stopWatching();
      shownAt = 0;
      if (host.matches(':popover-open')) host.hidePopover();
      host.remove();
    },
    problem,
    shownAt: () => shownAt,
    browserSaysVisible: () => (v2 ? visible : browserHasV2 || checkFrameChain(host) === 'visible'),
    isOwn: (element: Element) => element === host,
  };
}
