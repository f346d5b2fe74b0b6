import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`el.style.setProperty`),
 * never through the `style` attribute — which a strict Content-Security-Policy
 * (`style-src 'self'`, no `'unsafe-inline'`) blocks. Lit's `styleMap` writes
 * the attribute on the first render; this never does. Use it on `style`:
 * `<div style=${cssomStyle({ top: '40px' })}>`.
 */
class CssomStyleDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style') throw new Error('cssomStyle() belongs in a style attribute binding');
  }

  render(_styles: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    this.previous = new Set(Object.keys(styles));
    return noChange;
  }
}

/** See {@link CssomStyleDirective}: CSP-safe inline styles (kebab-case property names). */
export const cssomStyle = directive(CssomStyleDirective);
