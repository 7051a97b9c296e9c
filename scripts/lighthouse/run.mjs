// Lighthouse on several pages with one Chromium: prints one JSON line per page with each
// category's score (0-100) and the audits that lost points. Run by tests/browser/test_lighthouse.py.
//
// Usage: node run.mjs LIGHTHOUSE_DIR CATEGORIES URL...   (CATEGORIES: comma-separated ids)
// LIGHTHOUSE_DIR holds node_modules/lighthouse (scripts/test.sh installs the pinned version there).
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, categories, ...urls] = process.argv.slice(2);
const load = (module, file) => import(pathToFileURL(path.join(dir, "node_modules", module, file)).href);
const { default: lighthouse } = await load("lighthouse", "core/index.js");
const chromeLauncher = await load("chrome-launcher", "dist/index.js");

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  for (const url of urls) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories.split(","),
      // The full-page screenshot serves only the HTML report, which this run does not write.
      disableFullPageScreenshot: true,
    });
    const scores = {};
    const failing = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const items = (audit.details?.items || []).slice(0, 5).map((item) => item.node?.selector || item.url || item.source?.url || JSON.stringify(item).slice(0, 120));
          failing.push({ category: id, audit: ref.id, title: audit.title, score: audit.score, items });
        }
      }
    }
    const error = lhr.runtimeError ? lhr.runtimeError.message : null;
    const seconds = Math.round(lhr.timing.total / 100) / 10;
    console.log(JSON.stringify({ url, scores, failing, error, seconds }));
  }
} finally {
  await chrome.kill();
}
