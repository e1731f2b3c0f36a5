// Lighthouse (npm) against localhost with Debian's Chromium, offline: performance,
// accessibility and best-practices, mobile (the default config: simulated slow 4G and 4x CPU)
// and desktop. A fresh browser (empty cache) for every run.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './browser.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

export async function audit(url, { formFactor, cookieHeader }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'atrium-bench-lh-'));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    userDataDir,
    chromeFlags: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-sync', '--disable-quic', '--disable-extensions', '--disable-default-apps',
    ],
  });
  try {
    const flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      ...(cookieHeader ? { extraHeaders: { Cookie: cookieHeader } } : {}),
    };
    const result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const failing = (category) => lhr.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map((ref) => ref.id);
    const audit = (id) => lhr.audits[id]?.numericValue ?? null;
    return {
      performance: lhr.categories.performance.score,
      accessibility: lhr.categories.accessibility.score,
      best_practices: lhr.categories['best-practices'].score,
      tbt_ms: audit('total-blocking-time'),
      fcp_ms: audit('first-contentful-paint'),
      lcp_ms: audit('largest-contentful-paint'),
      cls: audit('cumulative-layout-shift'),
      total_byte_weight: audit('total-byte-weight'),
      failing_accessibility: failing('accessibility'),
      failing_best_practices: failing('best-practices'),
      console_errors: (lhr.audits['errors-in-console']?.details?.items ?? []).map((i) => `${i.source}: ${i.description}`.slice(0, 160)),
      final_url: lhr.finalDisplayedUrl,
    };
  } finally {
    await chrome.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
