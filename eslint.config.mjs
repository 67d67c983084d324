import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist*/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results/**', 'jest.config.js', 'eslint.config.mjs'] },
  ...tseslint.configs.strict,
  {
    rules: {
      // Decorator-driven frameworks (TypeORM, Nest) take classes as `Function`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
