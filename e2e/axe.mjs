// Runs axe-core (the accessibility rules engine) inside the app's page and
// returns its violations, each as one readable line.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { screenshot, setTheme } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The violations of WCAG 2.0–2.2 A/AA and best-practice rules on the page as it is now. */
export async function axeViolations(browser) {
  const loaded = await browser.execute(() => typeof window.axe === "object");
  if (!loaded) await browser.execute(`${AXE_SOURCE}\n;return true;`);
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(
        { exclude: [["#e2e-repaint"]] },
        { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }, resultTypes: ["violations"] },
      )
      .then(
        (result) => done(result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`)),
        (error) => done([`axe failed: ${error}`]),
      );
  });
  return violations;
}

/**
 * Shows each screen in both themes at 1280 and 640 wide, takes its
 * screenshot (`<prefix>-<screen>-<theme>-<width>`) and runs axe-core on it at
 * 1280 wide. `show(name)` brings the screen up and waits until it is
 * settled. Returns the violations, each as "screen, theme: violation"; the
 * window is left at 1280×800.
 */
export async function axeEveryScreen(browser, screens, { prefix, show }) {
  const problems = [];
  for (const theme of ["light", "dark"]) {
    await setTheme(browser, theme);
    for (const width of [1280, 640]) {
      await browser.setWindowSize(width, 800);
      for (const name of screens) {
        await show(name);
        await screenshot(browser, `${prefix}-${name}-${theme}-${width}`);
        if (width === 1280) for (const v of await axeViolations(browser)) problems.push(`${name}, ${theme}: ${v}`);
      }
    }
  }
  await browser.setWindowSize(1280, 800);
  return problems;
}
