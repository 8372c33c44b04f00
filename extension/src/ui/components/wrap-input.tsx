// A one-line text field that wraps instead of scrolling sideways: a long URL or field name stays
// readable in full at the popup's 380 px. It is a textarea that grows with its text and keeps the
// value on one line (newlines typed or pasted become spaces; Enter submits the form, as in an input).
import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export type WrapInputProps = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onInput' | 'rows'> & {
  value: string;
  onValue: (value: string) => void;
};

export function WrapInput(props: WrapInputProps): JSX.Element {
  const { value, onValue, class: extraClass, ...rest } = props;
  const className = typeof extraClass === 'string' ? `wrap-input ${extraClass}` : 'wrap-input';
  const ref = useRef<HTMLTextAreaElement>(null);

  // Height follows the content (CSS field-sizing does this where supported; this covers the rest).
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area || CSS.supports('field-sizing', 'content')) return;
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
  }, [value]);

  return (
    <textarea
      {...rest}
      ref={ref}
      rows={1}
      class={className}
      value={value}
      onInput={(event) => {
        const area = event.currentTarget;
        const single = area.value.replace(/\r?\n/g, ' ');
        if (single !== area.value) area.value = single;
        onValue(single);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || event.isComposing) return;
        event.preventDefault();
        event.currentTarget.form?.requestSubmit();
      }}
    />
  );
}
