import { slug } from "./markdown";

/**
 * Links and headings of a Markdown page, for the docs tests: every relative link must name
 * a file that exists and, with a `#fragment`, a heading in it.
 */

/** A link or image in a page. */
export interface MarkdownLink {
  /** The target as written, e.g. `docs/scaling.md#custom-metric-examples`. */
  readonly target: string;
  /** 1-based line of the link. */
  readonly line: number;
}

/** The page without fenced code blocks and code spans (their text is not Markdown), line breaks kept. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").map((line) => {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line.replace(/`[^`]*`/g, "``");
  });
}

/** Every inline link and image target, in page order (reference-style links are not used here). */
export function linksOf(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  prose(markdown).forEach((line, i) => {
    // A target: no spaces or parentheses inside; the text before it has no brackets inside.
    for (const match of line.matchAll(/\]\(([^()\s]{1,500})(?:\s+"[^"]{0,200}")?\)/g)) {
      links.push({ target: match[1], line: i + 1 });
    }
  });
  return links;
}

/** Whether a target leaves the repository (a URL or an e-mail address). */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]{0,20}:/i.test(target);
}

/**
 * The anchors of a page's headings as GitHub makes them: the heading's slug, and for the
 * second and later headings with the same slug, `-1`, `-2`...
 */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.{1,300})$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1].replace(/\s+#+\s*$/, ""));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}
