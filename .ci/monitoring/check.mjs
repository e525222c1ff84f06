// Monitoring checks of .ci/run (issue 29), in two steps:
//   node .ci/monitoring/check.mjs extract
//       writes target/monitoring/: otklik.rules.yaml (the groups of k8s/base/prometheusrule.yaml),
//       alerts.test.yaml (the promtool unit tests beside it), dashboard.rules.yaml (every query of the
//       Grafana dashboard as a recording rule, so that `promtool check rules` parses each one) and
//       metrics.txt (every metric the alerts and the dashboard name);
//   node .ci/monitoring/check.mjs compare SCRAPE
//       fails when the alerts or the dashboard name a metric that the scrape of the running jar (SCRAPE,
//       Prometheus text format) does not have, except the metrics other exporters provide and the
//       allow-list below.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// The yaml package pinned by k8s/validate (installed there by .ci/run before this step).
const { parse, stringify } = createRequire(path.join(root, "k8s", "validate", "package.json"))("yaml");
const out = path.join(root, "target", "monitoring");

/** Metrics of other exporters the rules may use: kube-state-metrics (installed with the prometheus operator). */
const EXTERNAL = new Set(["kube_pod_status_ready"]);

const PROMQL_WORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
  "and", "or", "unless", "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile",
  "count_values", "group", "inf", "nan"]);

/** Metric names in a PromQL expression: identifiers that are neither functions, keywords nor label names. */
export function metricNames(expr) {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, "\"\"")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\boffset\s+\w+/g, " ");
  const names = new Set();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(\(?))/g)) {
    const [name, call] = [match[0], match[1]];
    if (call === "(" || PROMQL_WORDS.has(name.toLowerCase()) || /^[0-9]/.test(name)) {
      continue;
    }
    if (/^\d+(ms|s|m|h|d|w|y)$/.test(name)) {
      continue;
    }
    names.add(name);
  }
  return names;
}

function extract() {
  fs.mkdirSync(out, { recursive: true });
  const rule = parse(fs.readFileSync(path.join(root, "k8s/base/prometheusrule.yaml"), "utf8"));
  fs.writeFileSync(path.join(out, "otklik.rules.yaml"), stringify({ groups: rule.spec.groups }));
  fs.copyFileSync(path.join(root, ".ci/monitoring/alerts.test.yaml"), path.join(out, "alerts.test.yaml"));

  const dashboard = JSON.parse(fs.readFileSync(path.join(root, "k8s/base/grafana/otklik-dashboard.json"), "utf8"));
  const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({ panel: panel.title, expr: t.expr })));
  const rules = queries.map((q, i) => ({ record: `otklik_dashboard:panel_${i}`, expr: q.expr.replaceAll("$__rate_interval", "5m") }));
  fs.writeFileSync(path.join(out, "dashboard.rules.yaml"), stringify({ groups: [{ name: "dashboard", rules }] }));

  const used = new Map();
  const note = (expr, where) => metricNames(expr).forEach((name) => used.set(name, [...(used.get(name) ?? []), where]));
  rule.spec.groups.flatMap((g) => g.rules).forEach((r) => note(r.expr, `alert ${r.alert ?? r.record}`));
  queries.forEach((q) => note(q.expr, `panel "${q.panel}"`));
  fs.writeFileSync(path.join(out, "metrics.json"), JSON.stringify(Object.fromEntries(used), null, 2));
  console.log(`   ${rule.spec.groups.flatMap((g) => g.rules).length} alert rules, ${queries.length} dashboard queries,`
    + ` ${used.size} metric names written to ${path.relative(root, out)}`);
}

function compare(scrapeFile) {
  const scraped = new Set();
  for (const line of fs.readFileSync(scrapeFile, "utf8").split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (match) {
      scraped.add(match[1]);
    }
  }
  const used = JSON.parse(fs.readFileSync(path.join(out, "metrics.json"), "utf8"));
  const missing = [];
  for (const [name, where] of Object.entries(used)) {
    if (scraped.has(name) || EXTERNAL.has(name)) {
      continue;
    }
    missing.push(`   MISSING ${name}, named by ${[...new Set(where)].join(", ")}`);
  }
  if (missing.length > 0) {
    console.error(missing.join("\n"));
    console.error(`monitoring: ${missing.length} metric(s) named by the alerts or the dashboard are not exported by the service`);
    process.exit(1);
  }
  console.log(`   all ${Object.keys(used).length} metric names found in the scrape of ${scraped.size} metrics`
    + ` (${EXTERNAL.size} from kube-state-metrics)`);
}

const [command, argument] = process.argv.slice(2);
if (command === "extract") {
  extract();
} else if (command === "compare") {
  compare(argument);
} else {
  console.error("usage: node .ci/monitoring/check.mjs extract | compare SCRAPE");
  process.exit(2);
}
