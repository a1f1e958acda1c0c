// The one way the page builds elements: attributes and text nodes only, never HTML strings (app text is hostile).

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined | null>;

/** `el('button', { class: 'x', 'data-testid': 'y' }, 'text')`; false/null/undefined attributes are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Ids for label/aria links; unique per page load. */
let nextId = 0;
export const uniqueId = (prefix: string): string => `${prefix}-${++nextId}`;

/**
 * Stands in for a piece the page could not build from the JSON it was given. A warning, not an error: the odd
 * input is the app's or the server's, and the rest of the page still works.
 */
export function couldNotRender(note: string, error: unknown): HTMLElement {
  console.warn(`${note}:`, error);
  return el('div', { class: 'unsupported', role: 'note' }, note);
}
