// A screen's outermost element. In the popup a screen is the whole view, so it is the page's one
// <main>. In the full-page vault, screens open in the details pane beside the list, and the list is
// the page's main: there a screen is a plain <section> (a <main> inside the pane's <aside> is a
// landmark inside a landmark, and two mains confuse screen-reader navigation).
import { createContext, type ComponentChildren, type JSX } from 'preact';
import { useContext } from 'preact/hooks';

const InPane = createContext(false);

/** Wraps the vault page's details pane: screens inside render as sections. */
export function PaneScope(props: { children: ComponentChildren }): JSX.Element {
  return <InPane.Provider value={true}>{props.children}</InPane.Provider>;
}

export function ScreenRoot(props: JSX.HTMLAttributes<HTMLElement>): JSX.Element {
  const inPane = useContext(InPane);
  return inPane ? <section {...props} /> : <main {...props} />;
}
