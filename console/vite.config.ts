import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The gateway serves the built console at `/`; in development Vite serves it and hands the API
// to a platform running locally (bin/upgradehub-local).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // antd is one large chunk by nature; split it from our code so our changes cache apart
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules/ }],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // antd in jsdom on 2 busy cores: a page test may take tens of seconds
    testTimeout: 120_000,
    // Maven runs nothing beside the tests: both cores may work
    maxWorkers: 2,
  },
});
