// A square button showing only an icon; `label` is its accessible name and its tooltip.
import type { JSX } from 'preact';
import { Icon, type IconName } from './icons';

export type IconButtonProps = {
  icon: IconName;
  label: string;
  onClick: (event: MouseEvent) => void;
  pressed?: boolean;
  filled?: boolean;
  disabled?: boolean;
  class?: string;
  testId?: string;
};

export function IconButton(props: IconButtonProps): JSX.Element {
  return (
    <button
      type="button"
      class={`icon-button ${props.class ?? ''}`}
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      <Icon name={props.icon} filled={props.filled ?? false} />
    </button>
  );
}
