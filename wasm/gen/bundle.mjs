// The static site's two bundles, as `./build.sh dist` writes them and the bench measures them:
// the library glue (web/lib/personalize.mjs and what it imports) and the console (web/console/app.mjs
// and its modules, importing the glue bundle by its relative path). One bundle each, so a page
// never waits on a chain of imports. The glue's Node-only config module and node:fs stay dynamic
// imports that browsers never reach.
//
//   node wasm/gen/bundle.mjs OUT_DIR    writes OUT_DIR/lib/personalize.mjs and OUT_DIR/console/app.mjs

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const COMMON = { bundle: true, format: 'esm', platform: 'browser', minify: true, charset: 'utf8', legalComments: 'none', logLevel: 'warning' };

/** esbuild options of each bundle, by its path inside the site. */
export const BUNDLES = {
  'lib/personalize.mjs': { ...COMMON, entryPoints: [path.join(ROOT, 'web/lib/personalize.mjs')], external: ['*/node/config.mjs', 'node:fs'] },
  'console/app.mjs': { ...COMMON, entryPoints: [path.join(ROOT, 'web/console/app.mjs')], external: ['*/lib/personalize.mjs'] },
};

/** The bundle's bytes. @param {keyof typeof BUNDLES} name */
export async function bundle(name) {
  const { build } = (await import('esbuild')).default;
  const result = await build({ ...BUNDLES[name], write: false });
  return result.outputFiles[0].contents;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node wasm/gen/bundle.mjs OUT_DIR');
    process.exit(2);
  }
  const { build } = (await import('esbuild')).default;
  for (const [name, options] of Object.entries(BUNDLES)) await build({ ...options, outfile: path.join(out, name) });
}
