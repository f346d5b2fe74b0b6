import { svg, type TemplateResult } from 'lit';

/** One bar of a chart. */
export interface Bar {
  /** Category label (rendered as text). */
  label: string;
  /** Length of the bar (≥ 0). */
  value: number;
  /** The value as shown (formatted for the locale). */
  text: string;
}

const WIDTH = 640;
const LABEL = 190;
const ROW = 30;

/**
 * A horizontal bar chart drawn as SVG (no chart library): one row per bar,
 * `centered` for a funnel. It is an image with a title; the element shows the
 * same figures in a table next to it (the accessible equivalent).
 */
export function barChart(id: string, title: string, bars: readonly Bar[], centered = false): TemplateResult {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const room = WIDTH - LABEL - 90;
  const height = Math.max(ROW, bars.length * ROW);
  return svg`<svg part="chart" role="img" aria-labelledby=${id} viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet">
    <title id=${id}>${title}</title>
    ${bars.map((b, i) => {
      const w = max > 0 ? Math.max(b.value > 0 ? 2 : 0, (b.value / max) * room) : 0;
      const x = centered ? LABEL + (room - w) / 2 : LABEL;
      const y = i * ROW;
      return svg`<g>
        <text x=${LABEL - 8} y=${y + ROW / 2 + 4} text-anchor="end">${b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}</text>
        <rect class=${i % 2 ? 'bar alt' : 'bar'} x=${x} y=${y + 4} width=${w} height=${ROW - 8} rx="3"></rect>
        <text class="value" x=${(centered ? LABEL + room : x + w) + 6} y=${y + ROW / 2 + 4}>${b.text}</text>
      </g>`;
    })}
  </svg>`;
}
