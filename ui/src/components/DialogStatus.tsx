import { useId } from "react";

/**
 * What a dialog is doing now, in words and a bar. While `running`, the
 * dialog gives it the focus (data-dialog-status): the control that started
 * the work is disabled meanwhile, and the focus would else fall to <body>,
 * out of reach of Escape and Tab. The words are a live region, and they
 * name the bar (Chromium gives no name to a bar from a <label> whose text
 * is a live region). Without `value` the bar is indeterminate.
 */
export function DialogStatus({ label, value, max, running = true }: { label: string; value?: number; max?: number; running?: boolean }) {
  const id = useId();
  return (
    <div className="progress-line" tabIndex={-1} data-dialog-status={running ? "" : undefined}>
      <span id={id} role="status">
        {label}
      </span>
      <progress aria-labelledby={id} max={max} value={value} />
    </div>
  );
}
