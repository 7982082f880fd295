/**
 * A unified diff of two texts (line by line, longest common subsequence), for the recommender's
 * config change. Config files are a few hundred lines, so the quadratic table is small.
 */
export function unifiedDiff(before: string, after: string, fromName: string, toName: string, context = 3): string {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  // The edit script: " " kept, "-" removed, "+" added, with line numbers in both texts.
  const ops: Array<{ op: " " | "-" | "+"; text: string; i: number; j: number }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: " ", text: a[i++], i: i - 1, j: j++ });
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: "-", text: a[i++], i: i - 1, j });
    else ops.push({ op: "+", text: b[j++], i, j: j - 1 });
  }
  const changed = ops.map((o, k) => (o.op !== " " ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return "";
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  let k = 0;
  while (k < changed.length) {
    let start = Math.max(0, changed[k] - context);
    let end = Math.min(ops.length - 1, changed[k] + context);
    while (k + 1 < changed.length && changed[k + 1] - context <= end + 1) {
      k++;
      end = Math.min(ops.length - 1, changed[k] + context);
    }
    k++;
    const hunk = ops.slice(start, end + 1);
    const oldStart = hunk.find((o) => o.op !== "+")?.i ?? hunk[0].i;
    const newStart = hunk.find((o) => o.op !== "-")?.j ?? hunk[0].j;
    const oldCount = hunk.filter((o) => o.op !== "+").length;
    const newCount = hunk.filter((o) => o.op !== "-").length;
    out.push(`@@ -${oldStart + 1},${oldCount} +${newStart + 1},${newCount} @@`);
    for (const o of hunk) out.push(`${o.op}${o.text}`);
    start = end;
  }
  return `${out.join("\n")}\n`;
}
