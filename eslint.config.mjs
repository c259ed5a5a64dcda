import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import featureCollections from './eslint-rules/feature-collections.cjs'

// `import { z }` pulls all of zod into every bundle (≈ 450 KB in a cloud function, more than the
// rest of our code); the namespace import lets the bundlers keep only what is used.
const zodAsNamespace = {
  selector: "ImportDeclaration[source.value=/^zod/][importKind!='type'] > ImportSpecifier[importKind!='type']",
  message: "Import zod as a namespace: `import * as z from 'zod'` (named imports defeat tree-shaking).",
}

// Where WeChat and the browser differ is said once, in src/platform/*.h5.ts / *.weapp.ts.
const noPlatformBranches = {
  selector:
    "MemberExpression[object.type='MemberExpression'][object.object.name='process'][object.property.name='env'][property.name='TARO_ENV']",
  message:
    'Put what differs between WeChat and the browser in src/platform/<name>.h5.ts and <name>.weapp.ts (see docs/FRONTEND.md), not in a TARO_ENV branch.',
}

// A lookup table keyed by any string is indexed by input sooner or later, and then `constructor`
// or `__proto__` finds Object.prototype's own. Tables whose keys are open strings are Maps; a
// Record over a union of known keys (Record<Role, string>) is fine.
const noOpenTables = {
  selector:
    "VariableDeclarator[init.type='ObjectExpression'][init.properties.length>0] > Identifier.id[name=/^[A-Z][A-Z0-9_]*$/] > TSTypeAnnotation TSTypeReference[typeName.name='Record'] > TSTypeParameterInstantiation > :matches(TSStringKeyword, TSNumberKeyword):first-child",
  message:
    'A lookup table keyed by any string finds Object.prototype (`constructor`, `__proto__`) when input indexes it: use a Map, or a Record over a union of known keys.',
}

// no-restricted-syntax is one rule: a later block for the same files replaces its list, so each
// block repeats every selector that applies to its files.
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'docs/**', 'types/app-process.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      'no-restricted-syntax': ['error', zodAsNamespace],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (and, in a cloud function, may be
    // cut off when the function returns); a promise where a callback's result is ignored is the same.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['cloudfunctions/**/*.ts', 'contracts/**/*.ts', 'src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', zodAsNamespace, noOpenTables],
    },
  },
  {
    // A feature reaches another feature's collections only through that feature's functions
    // (core/<owner>/<entity>.repository.ts): see docs/ARCHITECTURE.md, Storage.
    files: ['cloudfunctions/core/**/*.ts'],
    plugins: { louzu: { rules: featureCollections.rules } },
    rules: {
      'louzu/feature-collections': [
        'error',
        {
          allow: [
            {
              folder: 'cloudfunctions/core/shared',
              why: 'the store-wide code: counters, endings, and 导出我的数据 / 注销账号, which walk every declared collection',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/platform/**'],
    rules: { 'no-restricted-syntax': ['error', zodAsNamespace, noOpenTables, noPlatformBranches] },
  },
  {
    // A page composes its feature's hooks and components; when one grows past a screenful of
    // reading, its parts belong in the feature (docs/FRONTEND.md, "A page").
    files: ['src/pages/**/*.{ts,tsx}', 'src/packages/*/pages/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 200, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read untyped JSON envelopes and drive untyped simulators (miniprogram-simulate, the
    // wx shim) on purpose; the product's own code has no `any`.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
)
