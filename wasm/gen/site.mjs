// The deployable static site, as `./build.sh dist` writes it (after building what it needs): the
// site's rooms only, the page (without its indentation), its styles minified, the library glue and
// the console one bundle each, and the .wasm. One bundle each, so a page never waits on a chain of
// imports: the glue (web/lib/personalize.mjs and what it imports; its Node-only config module and
// node:fs stay dynamic imports that browsers never reach) and the console (web/console/app.mjs and
// its modules, importing the glue bundle by its relative path). The bench measures the glue
// bundle from here too.
//
//   node wasm/gen/site.mjs OUT_DIR [--connect-src ORIGIN]...
//   node wasm/gen/site.mjs --glue    writes web/lib/personalize.mjs when stale (writeGlue below)

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const COMMON = { bundle: true, format: 'esm', platform: 'browser', minify: true, charset: 'utf8', legalComments: 'none', logLevel: 'warning' };

/** esbuild options of each bundle, by its path inside the site. */
export const BUNDLES = {
  'lib/personalize.mjs': { ...COMMON, entryPoints: [path.join(ROOT, 'web/lib/src/personalize.mjs')], external: ['node:fs'] },
  'console/app.mjs': { ...COMMON, entryPoints: [path.join(ROOT, 'web/console/app.mjs')], external: ['*/lib/personalize.mjs'] },
};

/** The bundle's bytes: esbuild bundles, terser minifies (measured 2-3 % smaller gzip than
 * esbuild's own minifier on the glue). @param {keyof typeof BUNDLES} name */
export async function bundle(name) {
  const { build } = (await import('esbuild')).default;
  const result = await build({ ...BUNDLES[name], minify: false, write: false });
  const { minify } = await import('terser');
  const { code } = await minify(result.outputFiles[0].text, {
    module: true, ecma: 2020, compress: { passes: 3, pure_getters: true, keep_fargs: false }, mangle: true, format: { comments: false },
  });
  return new TextEncoder().encode(code);
}

/** Writes the site into out (emptied first); extra: --connect-src arguments for the page's policy.
 * @param {string} out @param {string[]} extra */
export async function writeSite(out, extra) {
  const web = path.join(ROOT, 'web');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'lib'), { recursive: true });
  copyFileSync(path.join(web, 'lib/personalize.wasm'), path.join(out, 'lib/personalize.wasm'));
  const page = path.join(out, 'index.html');
  copyFileSync(path.join(web, 'index.html'), page);
  if (extra.length) execFileSync(process.execPath, [path.join(ROOT, 'wasm/gen/gen_endpoints.mjs'), ...extra, page], { stdio: 'inherit' });
  // A newline still separates inline elements, so nothing moves; the bundles preloaded, not every module.
  writeFileSync(page, readFileSync(page, 'utf8').replace(/\n\s+/g, '\n')
    .replace(/(<link rel="modulepreload" href="[^"]*">\n)+/, '<link rel="modulepreload" href="./lib/personalize.mjs">\n'));
  for (const name of /** @type {Array<keyof typeof BUNDLES>} */ (Object.keys(BUNDLES))) {
    mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    writeFileSync(path.join(out, name), await bundle(name));
  }
  const { build } = (await import('esbuild')).default;
  await build({ entryPoints: [path.join(web, 'style.css')], minify: true, charset: 'utf8', logLevel: 'warning', outfile: path.join(out, 'style.css') });
}

/** web/lib/personalize.mjs, the glue as Node.js, the console in development and the package load
 * it: web/lib/src/ bundled into one module (not minified), written only when a source is newer. */
export async function writeGlue() {
  const out = path.join(ROOT, 'web/lib/personalize.mjs');
  const src = path.join(ROOT, 'web/lib/src');
  const built = statSync(out, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const sources = readdirSync(src).map((name) => statSync(path.join(src, name)).mtimeMs);
  if (sources.every((t) => t < built) && statSync(fileURLToPath(import.meta.url)).mtimeMs < built) return;
  const { build } = (await import('esbuild')).default;
  const result = await build({ ...BUNDLES['lib/personalize.mjs'], minify: false, write: false, charset: 'utf8',
    banner: { js: '// generated from web/lib/src/ by wasm/gen/site.mjs (./build.sh builds it); do not edit.\n// @ts-nocheck: its sources are type-checked (web/tsconfig.json).' } });
  writeFileSync(`${out}.tmp`, result.outputFiles[0].contents);
  renameSync(`${out}.tmp`, out);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--glue') {
  await writeGlue();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, ...extra] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node wasm/gen/site.mjs OUT_DIR [--connect-src ORIGIN]...');
    process.exit(2);
  }
  await writeSite(out, extra);
}
