// Zoom with Ctrl + / Ctrl − / Ctrl 0, remembered between runs. The level is
// a display preference (not journal data), so it lives in local storage.
import { getCurrentWebview } from "@tauri-apps/api/webview";

const ZOOM_KEY = "ketalog.zoom";
/** The steps Ctrl + and Ctrl − move through, as browsers offer them. */
const LEVELS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

function stored(): number {
  const level = Number(window.localStorage.getItem(ZOOM_KEY));
  return LEVELS.includes(level) ? level : 1;
}

async function apply(level: number): Promise<void> {
  document.documentElement.dataset.zoom = String(level);
  await getCurrentWebview().setZoom(level);
}

/** The next level from `level` in `direction` (+1 larger, −1 smaller, 0 back to 100%). */
export function nextLevel(level: number, direction: -1 | 0 | 1): number {
  if (direction === 0) return 1;
  const index = LEVELS.indexOf(level);
  const from = index === -1 ? LEVELS.indexOf(1) : index;
  return LEVELS[Math.min(LEVELS.length - 1, Math.max(0, from + direction))] ?? 1;
}

/** Applies the remembered zoom and listens for the zoom keys. */
export function setupZoom(onChange: (message: string) => void): void {
  let level = stored();
  if (level !== 1) void apply(level).catch(() => undefined);
  window.addEventListener("keydown", (event) => {
    if (!event.ctrlKey || event.altKey || event.metaKey) return;
    const direction = event.key === "=" || event.key === "+" ? 1 : event.key === "-" || event.key === "_" ? -1 : event.key === "0" ? 0 : null;
    if (direction === null) return;
    event.preventDefault();
    level = nextLevel(level, direction);
    window.localStorage.setItem(ZOOM_KEY, String(level));
    void apply(level)
      .then(() => onChange(`Zoom ${Math.round(level * 100)}%.`))
      .catch((error: unknown) => onChange(`The zoom could not be changed: ${String(error)}`));
  });
}
