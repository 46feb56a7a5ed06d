declare module "virtual:pdfjs-data" {
  /** pdf.js's built-in data files by folder kind, each a loader of its base64 text. */
  const data: {
    cMapUrl: Readonly<Record<string, () => Promise<{ default: string }>>>;
    standardFontDataUrl: Readonly<Record<string, () => Promise<{ default: string }>>>;
  };
  export default data;
}
