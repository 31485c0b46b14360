// Fails the build when personalize.wasm imports anything the glue does not provide: the glue
// (web/lib/personalize.mjs) instantiates the module with no imports at all.
import { readFileSync } from 'node:fs';

const PROVIDED = new Set([]);
const file = process.argv[2] ?? 'web/lib/personalize.wasm';
const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(file)));
const unknown = imports.filter((i) => !PROVIDED.has(`${i.module}.${i.name}`));
if (unknown.length > 0) {
  console.error(`${file} imports what the glue does not provide: ${unknown.map((i) => `${i.module}.${i.name}`).join(', ')}`);
  process.exit(1);
}
