// Builds dist/campaign.js: a minified IIFE (ES2019) bundling @microsoft/signalr.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export const options = {
  entryPoints: ['src/index.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2019'],
  define: { __SDK_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  banner: { js: `/*! campaign-console-sdk ${pkg.version} | includes @microsoft/signalr (MIT, (c) .NET Foundation) */` },
  sourcemap: process.argv.includes('--sourcemap') ? 'linked' : false,
  logLevel: 'warning',
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  await build({ ...options, outfile: 'dist/campaign.js', metafile: false });
  const size = readFileSync('dist/campaign.js').length;
  console.log(`dist/campaign.js ${size} bytes`);
}
