/**
 * Vite plugin: pdf.js's built-in data (Adobe CMaps, standard fonts) as
 * lazily loaded modules of the bundle. `virtual:pdfjs-data` exports, per
 * folder, the file names with a loader each; a loader imports one file as a
 * chunk whose default export is the file in base64. The window loads them
 * as scripts from 'self', with no fetch (its CSP has no `connect-src 'self'`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";

const MANIFEST = "virtual:pdfjs-data";
const FILE = "virtual:pdfjs-data/";
const FOLDERS = { cMapUrl: "cmaps", standardFontDataUrl: "standard_fonts" } as const;

export function pdfjsData(): Plugin {
  const root = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const files = (folder: string) => readdirSync(path.join(root, folder)).filter((name) => /\.(bcmap|pfb|ttf)$/.test(name));
  return {
    name: "approval-desk:pdfjs-data",
    resolveId(id) {
      return id === MANIFEST || id.startsWith(FILE) ? `\0${id}` : null;
    },
    load(id) {
      if (id === `\0${MANIFEST}`) {
        const entries = Object.entries(FOLDERS).map(([kind, folder]) => {
          const loaders = files(folder).map((name) => `${JSON.stringify(name)}: () => import(${JSON.stringify(`${FILE}${folder}/${name}`)})`);
          return `${JSON.stringify(kind)}: {${loaders.join(",")}}`;
        });
        return `export default {${entries.join(",")}};`;
      }
      if (id.startsWith(`\0${FILE}`)) {
        const [folder, name] = id.slice(FILE.length + 1).split("/");
        if (!folder || !name || !Object.values(FOLDERS).includes(folder as never) || name.includes("..")) return null;
        return `export default ${JSON.stringify(readFileSync(path.join(root, folder, name)).toString("base64"))};`;
      }
      return null;
    },
  };
}
