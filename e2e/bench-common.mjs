// What the app benchmarks share: their settings from the environment, the
// statistics they report, and unlocking the app as a person does.
import { shown } from "./harness.mjs";

/** The environment variable `name`; throws when it is not set. */
export function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (./dev bench-app sets it)`);
  return value;
}

/** The count in the environment variable `name`, or `fallback`. */
export function count(name, fallback) {
  const value = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** The q-quantile (0 ≤ q ≤ 1) of `values`, interpolated between neighbours. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

export function median(values) {
  return quantile(values, 0.5);
}

export const ms = (x) => `${x.toFixed(0)} ms`;
export const verdict = (ratio, budget) => `${ratio.toFixed(2)}× ${ratio <= budget ? "✔" : "✘"}`;

/** Types the passphrase into the unlock form and waits for the Today screen. */
export async function unlock(browser, passphrase) {
  const pass = await shown(browser, "#unlock-passphrase");
  await pass.setValue(passphrase);
  await (await browser.$("#unlock-submit")).click();
  await shown(browser, 'main[data-screen="today"]', 30_000);
}
