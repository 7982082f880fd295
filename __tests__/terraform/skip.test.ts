import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findTerraform, SKIP_LINE } from "../../lib/terraform-check/terraform-binary";

/** The Terraform checks run when a terraform binary is on PATH, and are skipped, with one line saying so, when it is not. */

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "terraform-path-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folderWith(name: string, make: (path: string) => void): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  make(join(folder, "terraform"));
  return folder;
}

describe("findTerraform", () => {
  test("finds an executable terraform in a PATH folder", () => {
    const bin = folderWith("bin", (path) => {
      writeFileSync(path, "#!/bin/sh\n");
      chmodSync(path, 0o755);
    });
    expect(findTerraform({ PATH: `/nonexistent:${bin}` })).toBe(join(bin, "terraform"));
  });

  test("passes over a terraform that is not executable, or not a file", () => {
    const plain = folderWith("plain", (path) => writeFileSync(path, "not a program"));
    const folder = folderWith("folder", (path) => mkdirSync(path));
    expect(findTerraform({ PATH: `${plain}:${folder}` })).toBeUndefined();
  });

  test("finds nothing without a PATH", () => {
    expect(findTerraform({})).toBeUndefined();
  });
});

test("without terraform on PATH, the checks are skipped and say so in one line", () => {
  // A PATH with only this Node on it: the test file must run, skip every check, and pass.
  const bin = join(dir, "node-only");
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, "node"));
  const root = resolve(__dirname, "..", "..");
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("JEST_") && key !== "PATH"));
  const result = spawnSync(process.execPath, [join(root, "node_modules", "jest", "bin", "jest.js"), "--ci", "--runInBand", "--runTestsByPath", "__tests__/terraform/terraform-checks.test.ts"], {
    cwd: root,
    env: { ...env, PATH: bin },
    encoding: "utf8",
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status).toBe(0);
  expect(output.split("\n").filter((line) => line.includes(SKIP_LINE))).toEqual([SKIP_LINE]);
  expect(output).toMatch(/Tests:\s+(\d+) skipped, \1 total/);
}, 60_000);
