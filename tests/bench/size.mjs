// Download sizes: what a browser loads for this client, and esbuild browser bundles of the AWS SDK
// v3 for the same calls. Used by run.mjs and by tests/bench/download-size.test.mjs (the size budget).
import { readdir, readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROOT } from './common.mjs';

export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;
export const brotliSize = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function measure(name, bytes) {
  return { name, raw: bytes.length, gzip: gzipSize(bytes), brotli: brotliSize(bytes) };
}

async function esbuild() {
  return (await import('esbuild')).default;
}

/** The glue as `./build.sh dist` ships it: one minified bundle of web/lib/src/personalize.mjs and every
 * module it imports (wasm/gen/site.mjs; Node-only config and personalize.wasm stay outside). */
export async function minifiedGlue() {
  const { bundle } = await import('../../wasm/gen/site.mjs');
  return Buffer.from(await bundle('lib/personalize.mjs'));
}

function sum(name, a, b) {
  return { name, raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

/** web/lib/personalize.wasm, web/lib/personalize.mjs (as is, and minified) with raw, gzip -9 and brotli -q 11 sizes. */
export async function ourSizes() {
  const wasm = await readFile(new URL('web/lib/personalize.wasm', `file://${ROOT}`));
  const lib = new URL('web/lib/src/', `file://${ROOT}`);
  const modules = (await readdir(lib)).filter((name) => name.endsWith('.mjs')).sort();
  const glue = Buffer.concat(await Promise.all(modules.map((name) => readFile(new URL(name, lib)))));
  const min = await minifiedGlue();
  const files = { wasm: measure('web/lib/personalize.wasm', wasm), glue: measure('web/lib/src/*.mjs (as written, together)', glue), glueMin: measure('web/lib/personalize.mjs bundled (as ./build.sh dist ships it)', min) };
  return {
    ...files,
    total: sum('personalize.wasm + personalize.mjs', files.wasm, files.glue),
    totalMin: sum('personalize.wasm + minified glue', files.wasm, files.glueMin),
  };
}

export const SDK_ALL = {
  '@aws-sdk/client-personalize': ['PersonalizeClient', 'CreateEventTrackerCommand', 'DescribeEventTrackerCommand', 'ListEventTrackersCommand', 'DeleteEventTrackerCommand', 'ListDatasetGroupsCommand'],
  '@aws-sdk/client-personalize-events': ['PersonalizeEventsClient', 'PutEventsCommand'],
};
export const SDK_CREATE = { '@aws-sdk/client-personalize': ['PersonalizeClient', 'CreateEventTrackerCommand'] };

/** An esbuild browser bundle (ESM, minified, tree-shaken) exporting the named SDK symbols. */
export async function sdkBundle(name, imports) {
  const contents = Object.entries(imports).map(([pkg, names]) => `export { ${names.join(', ')} } from '${pkg}';`).join('\n');
  const result = await (await esbuild()).build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'sdk-entry.mjs', loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return measure(name, result.outputFiles[0].contents);
}
