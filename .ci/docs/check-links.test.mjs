// node --test .ci/docs/check-links.test.mjs
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Slugger, anchorsOf, check, linksOf, markdownFiles, slug } from "./check-links.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const fixture = (name) => `.ci/docs/fixtures/${name}`;

test("slugs follow GitHub: lower case, punctuation dropped, spaces to hyphens, Cyrillic kept", () => {
  assert.equal(slug("Location: district boundaries, nearby search, \"me too\""), "location-district-boundaries-nearby-search-me-too");
  assert.equal(slug("The production database path (issue 29)"), "the-production-database-path-issue-29");
  assert.equal(slug("1. 100 M incidents"), "1-100-m-incidents");
  assert.equal(slug("Мой выбор. Моё будущее"), "мой-выбор-моё-будущее");
  assert.equal(slug("Resource → Service — Repository"), "resource--service--repository");
  assert.equal(slug("snake_case stays"), "snake_case-stays");
});

test("repeated headings get -1, -2 as GitHub numbers them", () => {
  const slugger = new Slugger();
  assert.deepEqual(["Notes", "Notes", "Notes", "Notes-1"].map((text) => slugger.next(text)),
    ["notes", "notes-1", "notes-2", "notes-1-1"]);
});

test("anchors come from ATX and setext headings and HTML ids, never from fenced code", () => {
  const anchors = anchorsOf("# A `code` *head*\n\n```\n# fenced\n```\n\nSetext\n------\n\n<a id=\"by-id\"></a>\n\n## _Stressed_ snake_case_name\n");
  assert.deepEqual([...anchors].sort(), ["a-code-head", "by-id", "setext", "stressed-snake_case_name"]);
});

test("links are found in prose, images, references and HTML, not in code", () => {
  const targets = linksOf("[a](x.md) ![b](y.png \"t\") `[c](no.md)`\n\n[r]: z.md#q\n<a href=\"w.md\">w</a>\n```\n[d](no.md)\n```\n")
    .map((link) => link.target);
  assert.deepEqual(targets, ["x.md", "y.png", "z.md#q", "w.md"]);
});

test("the good fixture has no broken link", () => {
  assert.deepEqual(check(root, [`${fixture("good")}/index.md`, `${fixture("good")}/sub/page.md`]), []);
});

test("the broken fixture lists every broken link with its line and reason", () => {
  const broken = check(root, [`${fixture("broken")}/index.md`]).map(({ line, target, reason }) => ({ line, target, reason }));
  assert.deepEqual(broken.map(({ line, target }) => [line, target]), [
    [3, "nowhere.md"],
    [4, "#nothing-here"],
    [5, "#not-a-heading"],
    [6, "#twice-2"],
    [7, "../good/sub/page.md#no-such-heading"],
    [8, "../../../../../../etc/passwd"],
  ]);
  assert.match(broken[0].reason, /no such file/);
  assert.match(broken[4].reason, /no heading or id "no-such-heading"/);
  assert.match(broken[5].reason, /outside the repository/);
});

test("the command fails with the list on broken links and passes on good ones", () => {
  const script = path.join(here, "check-links.mjs");
  const failing = spawnSync(process.execPath, [script, `${fixture("broken")}/index.md`], { cwd: root, encoding: "utf8" });
  assert.equal(failing.status, 1);
  assert.match(failing.stderr, /broken\/index\.md:3: nowhere\.md/);
  assert.match(failing.stderr, /6 broken link\(s\)/);
  const passing = execFileSync(process.execPath, [script, `${fixture("good")}/index.md`], { cwd: root, encoding: "utf8" });
  assert.match(passing, /every relative link and anchor resolves/);
});

test("the default set is the repository's Markdown without the fixtures", () => {
  const files = markdownFiles(root);
  assert.ok(files.includes("README.md"));
  assert.ok(files.some((file) => file.startsWith("docs/")));
  assert.ok(!files.some((file) => file.startsWith(".ci/docs/fixtures/") || file.includes("node_modules/")));
});
