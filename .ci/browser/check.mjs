// Renders a report in headless Chromium and fails when a reader would be let
// down: a request to any other host, a missing or zero-size chart, no PDF, a
// section title missing from the page text, or a WCAG 2.2 AA violation that
// axe-core finds (rules wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) at
// desktop and at phone width. Keeps a full-page screenshot and the PDF as CI
// artifacts.
//
// Usage: node check.mjs REPORT.html ARTIFACT_DIR [--sections-optional | --pool]
//   --sections-optional: a report of another configuration (the section
//   titles of the sample are not all expected).
//   --pool: a pool.html (pooling.md): its own sections, and page 1 holds
//   the key findings (it has no headline tiles).
import { chromium } from "playwright-core";
import { mkdirSync, statSync, readFileSync } from "node:fs";
import { resolve, join } from "node:path";
import { pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";

const [reportArg, artifactArg, ...flags] = process.argv.slice(2);
const pool = flags.includes("--pool");
const sectionsOptional = flags.includes("--sections-optional");
const axeSource = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// The first printed page is the summary (outputs.md, "Honest to the
// reader"): page 1 of Chromium's PDF holds every headline tile whole (its
// title, value and detail) and every key finding. Text is compared with
// whitespace and hyphens removed, as pdftotext (poppler-utils) joins lines.
async function firstPage(page, pdf) {
  const squash = (t) => t.replace(/[\s\u00ad-]+/g, "");
  const first = squash(execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" }));
  const parts = await page.evaluate(() => [
    ...[...document.querySelectorAll("#headline .card")].flatMap((card) =>
      [".label", ".value", ".detail", ".change"]
        .map((part) => card.querySelector(part))
        .filter((el) => el)
        .map((el) => ["tile", el.innerText])
    ),
    ...[...document.querySelectorAll("ul.findings li")].map((li) => ["key finding", li.innerText]),
  ]);
  if (!pool && parts.filter(([kind]) => kind === "tile").length === 0) return ["no headline tile on the page"];
  if (parts.length === 0) return ["no key finding on the page"];
  return parts
    .filter(([, text]) => !first.includes(squash(text)))
    .map(([kind, text]) => `page 1 of the PDF lacks a ${kind} (or splits it): ${text.slice(0, 80)}`);
}

// axe-core's violations of WCAG 2.2 AA on `page`, one line each.
async function accessibility(page, where) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      count: v.nodes.length,
    }));
  }, wcagTags);
  return violations.map(
    (v) => `WCAG (${where}): ${v.id}: ${v.help} (${v.count} element(s), e.g. ${v.nodes.join("; ")})`,
  );
}
if (!reportArg || !artifactArg) {
  console.error("usage: node check.mjs REPORT.html ARTIFACT_DIR");
  process.exit(2);
}
const report = resolve(reportArg);
const artifacts = resolve(artifactArg);
mkdirSync(artifacts, { recursive: true });

const sections = pool ? ["Key findings", "Methods and institutions"] : [
  "Key findings",
  "Headline figures",
  "Uptake by target group",
  "Mentoring relationships",
  "Mentor bank",
  "Confidence and resilience surveys",
  "Placement intent and outcomes",
  "Matched comparison",
  "What makes relationships last",
  "Trend over earlier periods",
  "Data quality",
  "Methods",
];

const failures = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("file:") && !url.startsWith("data:") && !url.startsWith("about:")) {
      failures.push(`the page requested another host: ${url}`);
    }
  });
  await page.goto(pathToFileURL(report).href, { waitUntil: "load" });

  const expectedCharts = (readFileSync(report, "utf8").match(/<figure class="chart"/g) || []).length;
  const charts = await page.$$eval("figure.chart", (figures) =>
    figures.map((f) => {
      const svg = f.querySelector("svg");
      const box = svg ? svg.getBoundingClientRect() : null;
      return { id: f.id, hasSvg: !!svg, width: box ? box.width : 0, height: box ? box.height : 0 };
    }),
  );
  if (charts.length === 0 || charts.length !== expectedCharts) {
    failures.push(`expected ${expectedCharts} charts, found ${charts.length}`);
  }
  for (const c of charts) {
    if (!c.hasSvg) failures.push(`chart ${c.id} has no SVG`);
    else if (c.width <= 0 || c.height <= 0) failures.push(`chart ${c.id} has zero size (${c.width}x${c.height})`);
  }

  const text = await page.evaluate(() => document.body.innerText);
  for (const title of sectionsOptional ? [] : sections) {
    if (!text.includes(title)) failures.push(`section title missing from the page: ${title}`);
  }
  failures.push(...(await accessibility(page, "desktop")));

  const screenshot = join(artifacts, "report.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(pathToFileURL(report).href, { waitUntil: "load" });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 2) failures.push(`the page is ${overflow}px wider than a 390px phone screen`);
  await phone.screenshot({ path: join(artifacts, "report-phone.png"), fullPage: false });
  failures.push(...(await accessibility(phone, "phone")));

  const pdf = join(artifacts, "report.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  const size = statSync(pdf).size;
  if (size < 10000) failures.push(`the PDF is only ${size} bytes`);
  failures.push(...(await firstPage(page, pdf)));

  console.log(`browser check: ${charts.length} charts, ${sections.length} sections, PDF ${size} bytes`);
  console.log(`artifacts: ${screenshot} ${join(artifacts, "report-phone.png")} ${pdf}`);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  for (const f of failures) console.error(`FAIL: ${f}`);
  process.exit(1);
}
console.log("browser check passed");
