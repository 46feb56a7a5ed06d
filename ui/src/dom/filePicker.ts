import { h } from "./h";

export interface FilePickerOptions {
  /** The chooser's filter, e.g. ".pdf,application/pdf". */
  accept: string;
  /** The input's data-testid: browser and WebDriver tests hand it a file. */
  testId: string;
  /** Attributes of the visible button (its class, aria-describedby …). */
  button: Readonly<Record<string, string>>;
  onPick: (file: File) => void;
}

/**
 * A button that opens the system's file chooser. The <input type="file"> is
 * kept in the layout but invisible and out of the tab order (the button is
 * what keyboard users reach), so WebDriver can still send it a path.
 */
export function createFilePicker(opts: FilePickerOptions): { button: HTMLButtonElement; input: HTMLInputElement } {
  const input = h("input", {
    type: "file",
    accept: opts.accept,
    class: "file-input-hidden",
    tabindex: -1,
    "aria-hidden": "true",
    "data-testid": opts.testId,
  });
  const button = h("button", { type: "button", ...opts.button });
  button.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    // Cleared so that choosing the same (corrected) file again fires "change" again.
    input.value = "";
    if (file) opts.onPick(file);
  });
  return { button, input };
}
