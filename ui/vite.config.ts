import { defineConfig } from "vite";

// The app is served by Tauri from ui/dist; no network, no inline scripts
// (the CSP forbids them), and the output is deterministic.
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true, host: "localhost" },
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
