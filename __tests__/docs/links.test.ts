import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { anchorsOf, isExternal, linksOf } from "../../lib/docs/links";
import { PENDING_PAGES, UNLINKED_PAGES } from "./pending-pages";

/** README.md and every Markdown page under docs/. */
function pages(dir = "docs"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? pages(join(dir, entry.name)) : entry.name.endsWith(".md") ? [join(dir, entry.name)] : [],
  );
}
const PAGES = ["README.md", ...pages()];

const PENDING = PENDING_PAGES;

/** Every broken relative link of a page, as `page:line: target: what is wrong`. */
function brokenLinks(page: string): string[] {
  const text = readFileSync(page, "utf8");
  return linksOf(text).flatMap(({ target, line }) => {
    if (isExternal(target)) return [];
    const [path, fragment] = target.split("#", 2);
    const file = path ? normalize(join(dirname(page), path)) : page;
    const where = `${page}:${line}: ${target}`;
    if (!existsSync(file)) return file in PENDING ? [] : [`${where}: ${file} does not exist`];
    if (fragment === undefined) return [];
    if (statSync(file).isDirectory() || !file.endsWith(".md")) return [`${where}: an anchor needs a Markdown page`];
    return anchorsOf(readFileSync(file, "utf8")).has(fragment) ? [] : [`${where}: ${file} has no heading with anchor #${fragment}`];
  });
}

describe("links in README.md and docs/", () => {
  test.each(PAGES)("every relative link in %s resolves to a file and heading", (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  test("every page in docs/ is linked from the README", () => {
    const linked = new Set(linksOf(readFileSync("README.md", "utf8")).map(({ target }) => normalize(target.split("#")[0])));
    expect(PAGES.filter((page) => page !== "README.md" && !linked.has(page) && !(page in UNLINKED_PAGES))).toEqual([]);
    expect(Object.keys(PENDING).filter((page) => !linked.has(page))).toEqual([]);
    expect(Object.keys(UNLINKED_PAGES).filter((page) => linked.has(page) || !existsSync(page))).toEqual([]);
  });

  test("pending pages have not landed yet (remove an entry from PENDING once its page exists)", () => {
    expect(Object.keys(PENDING).filter((page) => existsSync(page))).toEqual([]);
  });

  test("headings give GitHub's anchors (duplicates numbered), and code is not Markdown", () => {
    expect(anchorsOf("# Title\n\n## Compute: `services.<name>.compute`\n## Title\n```\n# not a heading\n```\n")).toEqual(
      new Set(["title", "compute-servicesnamecompute", "title-1"]),
    );
    expect(linksOf("see [a](docs/x.md#y) and `[b](not-a-link.md)`\n```\n[c](in-code.md)\n```\n![img](docs/images/p.svg)")).toEqual([
      { target: "docs/x.md#y", line: 1 },
      { target: "docs/images/p.svg", line: 5 },
    ]);
  });

  test("a missing file or anchor is reported with page, line and reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "ecs-ai-docs-links-"));
    try {
      writeFileSync(join(dir, "other.md"), "# Other\n");
      writeFileSync(join(dir, "page.md"), "# Page\n[ok](other.md#other) [self](#page)\n[gone](missing.md)\n[bad](other.md#nope) [https](https://example.com/x)\n");
      const page = join(dir, "page.md");
      expect(brokenLinks(page)).toEqual([
        `${page}:3: missing.md: ${join(dir, "missing.md")} does not exist`,
        `${page}:4: other.md#nope: ${join(dir, "other.md")} has no heading with anchor #nope`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
