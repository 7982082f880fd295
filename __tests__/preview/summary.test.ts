import { displayShare, shareText } from "../../lib/preview/summary";

describe("shares as the report shows them", () => {
  test("a missed objective keeps more digits rather than round up to its target: 99.968 for a missed p99.97", () => {
    expect(displayShare(99.968, 99.97, false)).toBe(99.968);
    expect(shareText(displayShare(99.968, 99.97, false))).toBe("99.968");
    expect(displayShare(99.96999999, 99.97, false)).toBeLessThan(99.97);
  });

  test("a met objective keeps more digits rather than round down below its target: 99.9634 for a met p99.962", () => {
    expect(displayShare(99.9634, 99.962, true)).toBe(99.963);
    expect(shareText(displayShare(99.9634, 99.962, true))).toBe("99.963");
  });

  test("a share whose two decimals stay on its side prints two decimals", () => {
    expect(shareText(displayShare(98.5, 99, false))).toBe("98.50");
    expect(shareText(displayShare(100, 99, true))).toBe("100.00");
  });
});
