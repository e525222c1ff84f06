#!/usr/bin/env node
// Offline link check of the committed Markdown (issue 31): every relative link and image must name a file or
// folder of the repository, and every #anchor a heading (or an HTML id) of its target, with GitHub's slugs
// (github-slugger: Cyrillic kept, punctuation dropped, "-1", "-2" for repeated headings). External links
// (http:, https:, mailto: …) are not fetched. Exit status 1 with the list of broken links.
//
//   node .ci/docs/check-links.mjs            every tracked *.md (git ls-files) but the checker's fixtures
//   node .ci/docs/check-links.mjs FILE...    those files only (paths relative to the repository)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// What github-slugger removes: other numbers, punctuation (except "-" and connectors such as "_"), symbols,
// control, format, private-use and unassigned characters, separators (except " "), unless alphabetic.
// (Written without the regular expressions' v flag, so that Node 18 runs it too.)
const SLUG_CANDIDATES = /[\p{No}\p{P}\p{S}\p{C}\p{Z}]/gu;
const SLUG_KEEPS = /^[\p{Alphabetic}\p{Pc} -]$/u;

/** GitHub's anchor of a heading's text, without the numbering of repeats. */
export function slug(text) {
  return text.toLowerCase().replace(SLUG_CANDIDATES, (c) => (SLUG_KEEPS.test(c) ? c : "")).replace(/ /g, "-");
}

/** Gives each heading its anchor as GitHub does: a repeated slug gets "-1", "-2", … */
export class Slugger {
  #occurrences = new Map();

  next(text) {
    const base = slug(text);
    let result = base;
    while (this.#occurrences.has(result)) {
      const count = this.#occurrences.get(base) + 1;
      this.#occurrences.set(base, count);
      result = `${base}-${count}`;
    }
    this.#occurrences.set(result, 0);
    return result;
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The lines of a Markdown text with fenced code blocks blanked (line numbers kept). */
function proseLines(markdown) {
  const lines = markdown.split(/\r?\n/);
  let fence = null;
  return lines.map((line) => {
    const opening = FENCE.exec(line);
    if (fence) {
      if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length && line.trim() === opening[1].trim().replace(/\s.*/, "")) {
        fence = null;
      }
      return "";
    }
    if (opening) {
      fence = opening[1];
      return "";
    }
    return line;
  });
}

/** A heading's text as GitHub renders it (the slug is taken from the rendered text). */
function renderedText(inline) {
  return inline
    .replace(/`+([^`]*?)`+/g, "$1") // code spans keep their content
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images: their alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links: their text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>]+>/g, "") // HTML tags
    .replace(/(\*{1,3})(\S(?:.*?\S)?)\1/g, "$2") // emphasis; underscores only at word edges (snake_case stays)
    .replace(/(?<![\p{L}\p{N}])(_{1,3})(\S(?:.*?\S)?)\1(?![\p{L}\p{N}])/gu, "$2")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1") // backslash escapes
    .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .trim();
}

/** Every anchor a Markdown text offers: its headings' slugs and the ids and names of its HTML elements. */
export function anchorsOf(markdown) {
  const anchors = new Set();
  const slugger = new Slugger();
  const lines = proseLines(markdown);
  lines.forEach((line, index) => {
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) {
      anchors.add(slugger.next(renderedText(atx[1] ?? "")));
    } else if (index + 1 < lines.length && /^ {0,3}(=+|-+)[ \t]*$/.test(lines[index + 1]) && line.trim() !== ""
        && !/^ {0,3}([-*+]|\d+[.)])\s|^ {0,3}[>|]/.test(line) && (index === 0 || lines[index - 1].trim() === "")) {
      anchors.add(slugger.next(renderedText(line)));
    }
    for (const match of line.matchAll(/<[a-z][^>]*\s(?:id|name)\s*=\s*["']([^"']+)["']/gi)) {
      anchors.add(match[1]);
    }
  });
  return anchors;
}

/** The links of a Markdown text: {line, target}, outside code blocks and code spans. */
export function linksOf(markdown) {
  const links = [];
  proseLines(markdown).forEach((raw, index) => {
    const line = raw.replace(/(`+)(?:(?!\1).)+?\1/g, (span) => " ".repeat(span.length));
    const add = (target) => links.push({ line: index + 1, target });
    // inline links and images: ](target) or ](<target>), with an optional title
    for (const match of line.matchAll(/\]\(\s*(<[^>]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g)) {
      add(match[1].replace(/^<(.*)>$/, "$1"));
    }
    // reference definitions: [label]: target
    const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
    if (definition) {
      add(definition[1].replace(/^<(.*)>$/, "$1"));
    }
    // HTML: href and src
    for (const match of line.matchAll(/<(?:a|img|source)\s[^>]*?\b(?:href|src)\s*=\s*["']([^"']*)["']/gi)) {
      add(match[1]);
    }
  });
  return links;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Checks the links of the given Markdown files (paths relative to root). Returns the broken ones:
 * {file, line, target, reason}.
 */
export function check(root, files) {
  const anchorCache = new Map();
  const anchorsOfFile = (absolute) => {
    if (!anchorCache.has(absolute)) {
      anchorCache.set(absolute, anchorsOf(readFileSync(absolute, "utf8")));
    }
    return anchorCache.get(absolute);
  };
  const rootPath = path.resolve(root);
  const broken = [];
  for (const file of files) {
    const absoluteFile = path.resolve(rootPath, file);
    for (const { line, target } of linksOf(readFileSync(absoluteFile, "utf8"))) {
      const report = (reason) => broken.push({ file, line, target, reason });
      if (target === "" || EXTERNAL.test(target) || target.startsWith("//")) {
        if (target === "") report("empty link");
        continue;
      }
      const hashAt = target.indexOf("#");
      const pathPart = (hashAt < 0 ? target : target.slice(0, hashAt)).replace(/\?.*$/, "");
      const anchor = hashAt < 0 ? null : target.slice(hashAt + 1);
      let decodedPath;
      let decodedAnchor;
      try {
        decodedPath = decodeURIComponent(pathPart);
        decodedAnchor = anchor === null ? null : decodeURIComponent(anchor);
      } catch {
        report("not a valid percent-encoded URL");
        continue;
      }
      const resolved = decodedPath === ""
        ? absoluteFile
        : decodedPath.startsWith("/")
          ? path.join(rootPath, decodedPath)
          : path.resolve(path.dirname(absoluteFile), decodedPath);
      if (resolved !== rootPath && !resolved.startsWith(rootPath + path.sep)) {
        report("points outside the repository");
        continue;
      }
      if (!existsSync(resolved)) {
        report(`no such file or folder: ${path.relative(rootPath, resolved)}`);
        continue;
      }
      if (decodedAnchor === null || decodedAnchor === "" || decodedAnchor === "top") {
        continue;
      }
      if (statSync(resolved).isDirectory() || !/\.(md|markdown)$/i.test(resolved)) {
        continue; // anchors into code (#L10) or folders are GitHub's views, not checked here
      }
      if (!anchorsOfFile(resolved).has(decodedAnchor)) {
        report(`no heading or id "${decodedAnchor}" in ${path.relative(rootPath, resolved)}`);
      }
    }
  }
  return broken;
}

const SKIPPED = [/(^|\/)node_modules\//, /^\.ci\/docs\/fixtures\//, /(^|\/)target\//];

/** The Markdown files the repository tracks (or, outside a git checkout, finds), fixtures left out. */
export function markdownFiles(root) {
  let files;
  try {
    files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "*.md", "*.markdown"],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\0").filter(Boolean);
  } catch {
    files = [];
    const walk = (folder) => {
      for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
        const relative = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.isDirectory() && entry.name !== ".git") walk(relative);
        else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) files.push(relative);
      }
    };
    walk("");
  }
  return files.filter((file) => existsSync(path.join(root, file)) && !SKIPPED.some((skip) => skip.test(file))).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const files = process.argv.length > 2 ? process.argv.slice(2) : markdownFiles(root);
  const broken = check(root, files);
  for (const { file, line, target, reason } of broken) {
    console.error(`${file}:${line}: ${target} — ${reason}`);
  }
  if (broken.length > 0) {
    console.error(`${broken.length} broken link(s) in ${files.length} Markdown file(s)`);
    process.exit(1);
  }
  console.log(`links: ${files.length} Markdown file(s), every relative link and anchor resolves`);
}
