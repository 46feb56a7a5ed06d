import { describe, expect, it } from "vitest";
import bundled from "virtual:pdfjs-data";
import { base64Bytes, BundledBinaryData } from "./bundledData";

const folder = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([name, text]) => [name, () => Promise.resolve({ default: text })]));

describe("pdf.js's data from the bundle", () => {
  it("bundles the Chinese CMaps and the standard fonts", () => {
    expect(Object.keys(bundled.cMapUrl)).toContain("UniGB-UCS2-H.bcmap");
    expect(Object.keys(bundled.cMapUrl)).toContain("Adobe-GB1-UCS2.bcmap");
    expect(Object.keys(bundled.standardFontDataUrl)).toContain("LiberationSans-Regular.ttf");
  });

  it("decodes base64", () => {
    expect([...base64Bytes("AQID")]).toEqual([1, 2, 3]);
    expect(() => base64Bytes(42)).toThrow();
  });

  it("answers pdf.js's requests by kind and file name, and refuses what is not bundled", async () => {
    const data = new BundledBinaryData({ cMapUrl: folder({ "Adobe-GB1-UCS2.bcmap": "BAU=" }), standardFontDataUrl: folder({ "FoxitSans.pfb": "Bg==" }) });
    expect([...(await data.fetch({ kind: "cMapUrl", filename: "Adobe-GB1-UCS2.bcmap" }))]).toEqual([4, 5]);
    expect([...(await data.fetch({ kind: "standardFontDataUrl", filename: "FoxitSans.pfb" }))]).toEqual([6]);
    await expect(data.fetch({ kind: "wasmUrl", filename: "openjpeg.wasm" })).rejects.toThrow(/not bundled/);
    await expect(data.fetch({ kind: "cMapUrl", filename: "../package.json" })).rejects.toThrow(/not bundled/);
    await expect(data.fetch({ kind: "cMapUrl", filename: "constructor" })).rejects.toThrow(/not bundled/);
  });

  it("loads a real CMap from its chunk", async () => {
    const bytes = await new BundledBinaryData().fetch({ kind: "cMapUrl", filename: "UniGB-UCS2-H.bcmap" });
    expect(bytes.length).toBeGreaterThan(1000);
  });
});
