// A busy indicator with a visible, announced label ("Unlocking…").
import type { JSX } from 'preact';

export function Spinner(props: { label: string }): JSX.Element {
  return (
    <span class="spinner" role="status">
      <span class="spinner-ring" aria-hidden="true" />
      <span>{props.label}</span>
    </span>
  );
}
