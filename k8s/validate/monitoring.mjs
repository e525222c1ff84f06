// Checks for the prometheus operator's resources (monitoring.coreos.com/v1), which kubernetes-models does
// not model: what their CRDs require, plus issue 29's rules. The rules' PromQL itself, their unit tests and
// the metric names are checked by .ci/monitoring (promtool, and a scrape of the running jar).

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const isString = (value) => typeof value === "string" && value.length > 0;

export function serviceMonitor(doc, problems) {
  const where = `ServiceMonitor/${doc.metadata.name}`;
  const spec = doc.spec;
  if (!isObject(spec) || !isObject(spec.selector) || !Array.isArray(spec.endpoints) || spec.endpoints.length === 0) {
    problems.push(`${where}: spec.selector and at least one spec.endpoints entry are required`);
    return;
  }
  for (const endpoint of spec.endpoints) {
    if (endpoint.path !== "/q/metrics" || !isString(endpoint.port)) {
      problems.push(`${where}: each endpoint scrapes /q/metrics on a named port (has ${endpoint.path} on ${endpoint.port})`);
    }
  }
}

export function prometheusRule(doc, problems) {
  const where = `PrometheusRule/${doc.metadata.name}`;
  const groups = doc.spec?.groups;
  if (!Array.isArray(groups) || groups.length === 0) {
    problems.push(`${where}: spec.groups is required`);
    return;
  }
  for (const group of groups) {
    for (const rule of group.rules ?? []) {
      const name = rule.alert ?? rule.record;
      if (!isString(name) || !isString(rule.expr)) {
        problems.push(`${where}: every rule needs alert (or record) and expr`);
      } else if (rule.alert && !String(rule.annotations?.runbook_url ?? "").endsWith(`#${name.toLowerCase()}`)) {
        problems.push(`${where}: alert ${name} needs annotations.runbook_url ending in #${name.toLowerCase()} (docs/operations.md)`);
      }
    }
  }
}
