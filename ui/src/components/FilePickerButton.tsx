import { useRef } from "react";

export interface FilePickerButtonProps {
  /** The chooser's filter, e.g. ".pdf,application/pdf". */
  accept: string;
  /** The input's data-testid: browser and WebDriver tests hand it a file. */
  testId: string;
  className: string;
  disabled?: boolean;
  /** Tooltip of the button. */
  title?: string;
  /** id of the text that says what to choose. */
  describedBy?: string;
  onPick: (file: File) => void;
  /** The button's text. */
  label: string;
}

/**
 * A button that opens the system's file chooser. The <input type="file"> is
 * kept in the layout but invisible and out of the tab order (the button is
 * what keyboard users reach), so WebDriver can still send it a path.
 */
export function FilePickerButton({ accept, testId, className, disabled = false, title, describedBy, onPick, label }: FilePickerButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="file-picker">
      <button type="button" className={className} disabled={disabled} title={title} aria-describedby={describedBy} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="file-input-hidden"
        tabIndex={-1}
        aria-hidden="true"
        // Named too, for tools that look at the input itself.
        aria-label={label}
        data-testid={testId}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so that choosing the same (corrected) file again fires "change" again.
          event.currentTarget.value = "";
          if (file) onPick(file);
        }}
      />
    </span>
  );
}
