// A form's or a section's error, announced to screen readers as it appears (role="alert"); nothing
// while there is none.
import type { JSX } from 'preact';

export function ErrorText(props: { message: string | null }): JSX.Element | null {
  if (!props.message) return null;
  return (
    <p class="error-text" role="alert">
      {props.message}
    </p>
  );
}
