/**
 * Builds the Custom UI: `vite build --config static/vite.config.ts` (from the repository root).
 *
 * Output: two Forge resource folders, each self-contained (its own index.html and assets; Forge serves a resource
 * folder as the site root, so every URL is relative):
 *   static/build/main/          every surface (project page, macro body, idea panel, settings, admin)
 *   static/build/macro-config/  the roadmap macro's custom config dialog — the same app, whose index.html says
 *                               data-phase-gate-resource="macro-config" (see src/surface.ts)
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const buildDir = resolve(root, 'build');
const mainDir = resolve(buildDir, 'main');
const macroConfigDir = resolve(buildDir, 'macro-config');

/** Copies the built app into the macro-config resource folder and marks its index.html. */
function macroConfigResource(): Plugin {
  return {
    name: 'phase-gate-macro-config-resource',
    apply: 'build',
    closeBundle() {
      rmSync(macroConfigDir, { recursive: true, force: true });
      cpSync(mainDir, macroConfigDir, { recursive: true });
      const html = resolve(macroConfigDir, 'index.html');
      const text = readFileSync(html, 'utf8');
      const marked = text.replace(
        'data-phase-gate-resource="main"',
        'data-phase-gate-resource="macro-config"',
      );
      if (marked === text) throw new Error('macro-config: the resource marker was not found in index.html');
      writeFileSync(html, marked);
    },
  };
}

const config: UserConfig = {
  root,
  base: './',
  publicDir: false,
  plugins: [react(), macroConfigResource()],
  build: {
    outDir: mainDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No inline polyfill script: Forge's CSP forbids inline scripts, and every supported browser preloads modules.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
};

export default defineConfig(({ command }) => {
  // A build is always what ships: production React and JSX, whatever NODE_ENV the caller runs with (jest sets `test`,
  // which would otherwise select React's development build and the dev JSX transform: StrictMode's doubled effects,
  // absolute source paths in the scripts, a larger bundle).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
