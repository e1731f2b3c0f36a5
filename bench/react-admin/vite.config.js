import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A plain production build: what a team starting a react-admin app would ship.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
