// Writes dist/_headers: the security headers of the client's page for static hosts that
// read such a file (Netlify, Cloudflare Pages), the same set the bundled server sends
// (crates/server/src/page_headers.rs; tests/e2e/login.test.mjs checks that they agree).
// The API's origin for connect-src comes from dist/config.json: run this again after
// editing it (`node scripts/page-headers.mjs [dist] [base path]`).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
// The rules' paths are the site's: under a sub-path, prefixed with it.
const base = (process.argv[3] ?? '/').replace(/\/+$/, '');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const config = JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'));

const hashes = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
  .filter(([, attributes]) => !attributes.includes('src='))
  .map(([, , body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
const apiOrigin = config.api_base ? new URL(config.api_base).origin : null;
const connect = apiOrigin ? `'self' ${apiOrigin}` : "'self'";
const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}; style-src 'self' 'unsafe-inline'; `
  + `img-src 'self' data: https:; connect-src ${connect}; font-src 'self'; object-src 'none'; `
  + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const page = [
  ['Content-Security-Policy', csp],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
  ['X-Frame-Options', 'DENY'],
];
const lines = [`${base}/*`, ...page.map(([n, v]) => `  ${n}: ${v}`), ''];
// Content-hashed assets never change; the page and config.json are always revalidated.
for (const pattern of ['/*.wasm', '/*.js', '/*.css']) lines.push(base + pattern, '  Cache-Control: public, max-age=31536000, immutable', '');
lines.push(`${base}/index.html`, '  Cache-Control: no-cache', '', `${base}/config.json`, '  Cache-Control: no-cache', '');
writeFileSync(join(dist, '_headers'), lines.join('\n'));
console.log(`${join(dist, '_headers')} written`);
