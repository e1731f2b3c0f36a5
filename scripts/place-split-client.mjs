// Puts the route-split client (scripts/split-client.sh's output in CACHE) into DIST in place
// of Trunk's single wasm: every file under a content-hashed name (so a CDN may cache it for
// ever), the references between them rewritten, and index.html pointing at the new main
// module with fresh integrity hashes.
//   node scripts/place-split-client.mjs CACHE DIST
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [cache, dist] = process.argv.slice(2);
if (!cache || !dist) throw new Error('usage: node scripts/place-split-client.mjs CACHE DIST');

const sha = (bytes, alg = 'sha256') => createHash(alg).update(bytes).digest();
const hex16 = (bytes) => sha(bytes).toString('hex').slice(0, 16);
const files = readdirSync(cache).filter((f) => f.endsWith('.wasm') || f.endsWith('.js')).sort();

// The main JS and the loader import each other, so neither can be named by its own
// content: both carry one hash of everything the split produced.
const buildHash = hex16(Buffer.concat(files.map((f) => Buffer.concat([Buffer.from(f), readFileSync(join(cache, f))]))));
const mainJs = `atrium-${buildHash}.js`;
const loaderJs = `split-${buildHash}.js`;

// `split___console_orgs_route_view_<n>.wasm` → `console_orgs-<hash>.wasm`.
const shortName = (f) => f.replace(/^split___/, '').replace(/_route_view_\d+\.wasm$/, '').replace(/\.wasm$/, '');
const renamed = new Map();
for (const f of files.filter((f) => f.endsWith('.wasm'))) {
  const bytes = readFileSync(join(cache, f));
  const name = f === 'atrium_bg.wasm' ? `atrium-${hex16(bytes)}_bg.wasm` : `${shortName(f)}-${hex16(bytes)}.wasm`;
  renamed.set(f, name);
  copyFileSync(join(cache, f), join(dist, name));
}

const replaceAll = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`expected ${from} in the split output`);
  return text.split(from).join(to);
};
let loader = readFileSync(join(cache, '__wasm_split.js'), 'utf8');
loader = replaceAll(loader, '"./atrium.js"', `"./${mainJs}"`);
for (const [from, to] of renamed) if (from !== 'atrium_bg.wasm') loader = replaceAll(loader, `"./${from}"`, `"./${to}"`);
writeFileSync(join(dist, loaderJs), loader);
// Only the import specifiers: the wasm's imports keep the module name "./__wasm_split.js".
const main = replaceAll(readFileSync(join(cache, 'atrium.js'), 'utf8'), 'from "./__wasm_split.js"', `from "./${loaderJs}"`);
writeFileSync(join(dist, mainJs), main);

// index.html: Trunk's names for the unsplit build become the split ones.
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');
// Trunk writes its hash as a u64 without leading zeros: 15 digits or fewer now and then.
const trunkJs = html.match(/atrium-[0-9a-f]{1,16}\.js/)?.[0];
const trunkWasm = html.match(/atrium-[0-9a-f]{1,16}_bg\.wasm/)?.[0];
if (!trunkJs || !trunkWasm) throw new Error('index.html does not name a Trunk-built atrium JS and wasm');
const integrity = (file) => `sha384-${sha(readFileSync(join(dist, file)), 'sha384').toString('base64')}`;
const mainWasm = renamed.get('atrium_bg.wasm');
html = html.replace(new RegExp(`(href="[^"]*)${trunkJs}"([^>]*?)integrity="[^"]*"`), `$1${mainJs}"$2integrity="${integrity(mainJs)}"`);
html = html.replace(new RegExp(`(href="[^"]*)${trunkWasm}"([^>]*?)integrity="[^"]*"`), `$1${mainWasm}"$2integrity="${integrity(mainWasm)}"`);
html = replaceAll(html, trunkJs, mainJs);
html = replaceAll(html, trunkWasm, mainWasm);
// A signed-in page needs its side's code (the common chunk, its family's chunk, its
// layout) as soon as the router runs: fetch those beside the main module instead of after
// it, chosen by the address (`/agency…`: console, `/app…`: dashboard). Chunks name their
// users in the loader (`/* __console_orgs_route_view_…, … */`); a family is a name's first word.
const familyOf = (split) => split.replace(/^_+/, '').split('_')[0];
const chunkFamilies = new Map();
for (const [, users, file] of loader.matchAll(/\/\* ([^*]*) \*\/\nconst __chunk_\d+ = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
  const families = new Set(users.split(', ').map(familyOf));
  chunkFamilies.set(file, families.size > 1 ? 'common' : [...families][0]);
}
const fileOf = (family) => [...chunkFamilies].find(([, f]) => f === family)?.[0];
const layout = (family) => [...renamed.values()].find((f) => f.startsWith(`${family}_layout-`));
const ahead = {};
for (const [prefix, family] of [['/agency', 'console'], ['/app', 'dashboard']]) {
  const files = [fileOf('common'), fileOf(family), layout(family)];
  if (files.some((f) => !f)) throw new Error(`no chunks for ${family}: ${JSON.stringify([...chunkFamilies])}`);
  ahead[prefix] = files;
}
const preloadScript = `<script>{const base=new URL(document.baseURI).pathname.replace(/\\/$/,'');const path=location.pathname.slice(base.length);const ahead=${JSON.stringify(ahead)};for(const prefix in ahead)if(path===prefix||path.startsWith(prefix+'/'))for(const file of ahead[prefix]){const link=document.createElement('link');link.rel='preload';link.as='fetch';link.crossOrigin='anonymous';link.href=base+'/'+file;document.head.appendChild(link)}}</script>`;
// Right after <base>: a script after the stylesheet would wait for it to download.
const baseTag = html.match(/<base [^>]*>/)?.[0];
if (!baseTag) throw new Error('index.html has no <base> tag');
html = html.replace(baseTag, `${baseTag}\n    ${preloadScript}`);

// The loader is imported by the main JS: fetch it beside it, not after it.
const base = html.match(/href="([^"]*)atrium-[0-9a-f]{16}\.js"/)[1];
html = html.replace('</head>', `<link rel="modulepreload" href="${base}${loaderJs}" crossorigin="anonymous" integrity="${integrity(loaderJs)}"></head>`);
writeFileSync(indexPath, html);
rmSync(join(dist, trunkJs));
rmSync(join(dist, trunkWasm));
console.log(`split client placed in ${dist}: ${renamed.size} wasm modules`);
