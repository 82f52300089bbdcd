import { defineConfig } from 'vitest/config';

// Output lands in target/classes/static so Maven's jar puts it under static/ on the classpath,
// where Spring Boot serves it at /. `npm run dev` proxies the API to a running Baton.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
  server: {
    proxy: {
      '/api': process.env.BATON_URL ?? 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
