import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Next.js's recommended rules (React, hooks, accessibility, Core Web Vitals) and typescript-eslint's
// recommended rules, as Next.js ships them. `npm run lint` must report nothing: fix what it finds; a
// rule switched off in a file needs a comment there saying why.
const config = [
  { ignores: ['.next/**', 'generated/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore says "deliberately unused" (a parameter a signature requires); the rest
      // siblings of a destructuring are how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
];

export default config;
