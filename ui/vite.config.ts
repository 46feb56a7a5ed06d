import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { pdfjsData } from "./pdfjsData.plugin";

// Tauri loads ui/dist from disk (frontendDist) and, in dev, the dev server below.
export default defineConfig({
  plugins: [react(), pdfjsData()],
  base: "./",
  clearScreen: false,
  server: { host: "127.0.0.1", port: 1420, strictPort: true },
  preview: { host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
  test: {
    projects: [
      // Pure logic, in node.
      { extends: true, test: { name: "logic", include: ["src/**/*.test.ts"], environment: "node" } },
      // Components, in jsdom, with Testing Library cleaned up after each test.
      { extends: true, test: { name: "components", include: ["src/**/*.test.tsx"], environment: "jsdom", setupFiles: ["src/test/setup.ts"] } },
    ],
  },
});
