import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: one entry (renderer/index.html), built beside the compiled main process in dist/.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
