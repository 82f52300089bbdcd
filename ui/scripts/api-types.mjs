// The dashboard's API types are generated from the service's OpenAPI document (docs/openapi.json,
// itself checked against the controllers by OpenApiDocumentTest). `npm run build` runs this with
// --check: a generated file that no longer matches the document fails the build. After an API
// change: `npm run api-types` and commit src/lib/api.gen.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, '..', 'docs', 'openapi.json');
const target = join(root, 'src', 'lib', 'api.gen.ts');
const header = '// Generated from docs/openapi.json by scripts/api-types.mjs: do not edit.\n';

const ast = await openapiTS(pathToFileURL(source), { alphabetize: true });
const generated = header + astToString(ast);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below like a stale file
  }
  if (current !== generated) {
    console.error(
      'ui: src/lib/api.gen.ts is stale against docs/openapi.json; run `npm run api-types` and commit it',
    );
    process.exit(1);
  }
  console.log('ui: src/lib/api.gen.ts matches docs/openapi.json');
} else {
  writeFileSync(target, generated);
  console.log('ui: wrote src/lib/api.gen.ts');
}
