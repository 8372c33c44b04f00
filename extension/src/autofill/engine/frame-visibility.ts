// Can the user see this frame at all? A page can embed another site's login in an iframe it makes
// transparent, hides, shrinks or covers — the frame's own document cannot tell from its styles.
// Chromium's IntersectionObserver v2 (trackVisibility) can: it reports isVisible = false when the
// frame is occluded, transparent, filtered or transformed by anything above it. The top frame is
// always visible to itself. Where the browser has no v2 (Firefox), sub-frames are not vouched for.

export function watchFrameVisibility(view: Window & typeof globalThis): () => boolean {
  if (view === view.top) return () => true;
  const supported = 'isVisible' in view.IntersectionObserverEntry.prototype;
  if (!supported) return () => false;
  let visible = false;
  const observer = new view.IntersectionObserver(
    (entries) => {
      const last = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
      visible = last?.isVisible === true;
    },
    { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  observer.observe(view.document.documentElement);
  return () => visible;
}
