// A small element builder. Text always goes in as text nodes, never as
// markup, so nothing the user typed can become HTML.

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (name === "value" && "value" in el) {
      (el as HTMLInputElement).value = String(value);
    } else if (name === "checked" && el instanceof HTMLInputElement) {
      el.checked = Boolean(value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let uid = 0;
/** A fresh id for label/field pairs. */
export function fieldId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el as T;
}

/** Parses an SVG document made by the core and returns its root, or null. */
export function svgElement(markup: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg" || doc.querySelector("parsererror")) return null;
  // The charts are drawn by our own core, but scripts and event handlers
  // have no place in a chart: drop any, whatever their origin.
  for (const el of Array.from(root.querySelectorAll("script, foreignObject"))) el.remove();
  // By name, not through `attributes`: that makes an Attr object for every
  // attribute, and a chart over years has tens of thousands.
  for (const el of [root, ...Array.from(root.querySelectorAll("*"))]) {
    for (const name of el.getAttributeNames()) {
      if (name.startsWith("on") || /^\s*javascript:/i.test(el.getAttribute(name) ?? "")) el.removeAttribute(name);
    }
  }
  // Scales with its container: keep the drawn size as the viewBox.
  if (!root.hasAttribute("viewBox")) {
    const width = parseFloat(root.getAttribute("width") ?? "");
    const height = parseFloat(root.getAttribute("height") ?? "");
    if (width > 0 && height > 0) root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  }
  root.removeAttribute("width");
  root.removeAttribute("height");
  // Moved into the page, not copied: a copy would double the chart's
  // elements until the parsed document is collected.
  return document.adoptNode(root) as unknown as SVGSVGElement;
}

/** "1 record", "3 records". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
