/**
 * pdf.js's built-in data (the Adobe CMaps that Chinese PDFs without embedded
 * fonts need, and the standard fonts) from the bundle instead of the
 * network: each file is a chunk of its own (`virtual:pdfjs-data`, made by
 * ui/pdfjsData.plugin.ts), loaded on first use as a script from 'self'.
 */
import bundled from "virtual:pdfjs-data";

type Loader = () => Promise<{ default: string }>;
type Folder = Readonly<Record<string, Loader>>;

/** The bytes of a base64 string. */
export function base64Bytes(text: unknown): Uint8Array {
  if (typeof text !== "string") throw new Error("not base64 text");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** pdf.js's BinaryDataFactory over the bundled files (the URLs it is given only name the kind). */
export class BundledBinaryData {
  constructor(private readonly folders: { cMapUrl: Folder; standardFontDataUrl: Folder } = bundled) {}

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const folder = kind === "cMapUrl" ? this.folders.cMapUrl : kind === "standardFontDataUrl" ? this.folders.standardFontDataUrl : undefined;
    const load = folder !== undefined && Object.hasOwn(folder, filename) ? folder[filename] : undefined;
    if (load === undefined) throw new Error(`pdf.js data not bundled: ${kind} ${filename}`);
    return base64Bytes((await load()).default);
  }
}

/** The getDocument options that route pdf.js's built-in data through the bundle. */
export const BUNDLED_DATA_OPTIONS = {
  cMapUrl: "bundled/cmaps/",
  cMapPacked: true,
  standardFontDataUrl: "bundled/standard_fonts/",
  useWorkerFetch: false,
  // The JPEG 2000 and JBIG2 decoders are WebAssembly, which the window's CSP does not allow.
  useWasm: false,
  BinaryDataFactory: class {
    private readonly data = new BundledBinaryData();
    fetch(request: { kind: string; filename: string }): Promise<Uint8Array> {
      return this.data.fetch(request);
    }
  },
} as const;
