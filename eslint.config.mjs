// One lint configuration for the monorepo: type-aware typescript-eslint (strict), Prettier for
// formatting, and Nx module boundaries (scope and type tags in each project.json).
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'tmp/**',
      'coverage/**',
      'libs/db/src/generated/**',
      'apps/cli/bin/**',
      'tools/**',
      '**/*.mjs',
      '**/*.cjs',
      'jest.config.js',
      'apps/editor/vite.config.mts',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './apps/editor/tsconfig.json', './apps/editor/tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:engine', onlyDependOnLibsWithTags: ['scope:engine', 'scope:shared'] },
            { sourceTag: 'scope:editor', onlyDependOnLibsWithTags: ['scope:editor', 'scope:shared'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain', 'type:data'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:domain', 'type:ui'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:app'] },
          ],
        },
      ],
      // NestJS classes are modules with decorators, not bags of static functions.
      '@typescript-eslint/no-extraneous-class': 'off',
      // `onClick={() => setOpen(false)}` and `.on('data', () => push())` read better than braces.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Implementations of async interfaces (ports) may have nothing to await.
      '@typescript-eslint/require-await': 'off',
      // NestJS declares its option types as classes that are meant to be passed as object literals.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'tests/**/*.ts'],
    rules: {
      // Tests drive the engine from outside: they reach into apps and the shared test support.
      '@nx/enforce-module-boundaries': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
