/** Small inline SVG charts for the printable report: no chart library, no script, prints as drawn. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (value: number, digits = 1) => value.toFixed(digits);

export interface Bar {
  label: string;
  values: number[];
}

/** Horizontal grouped bars (e.g. entered, sent, converted per node), one colour per series. */
export function barChart(title: string, series: readonly string[], bars: readonly Bar[]): string {
  const colours = ['#4f6d7a', '#c0d6df', '#dd6e42', '#e8dab2'];
  const rowHeight = 10 * series.length + 8;
  const width = 640;
  const labelWidth = 180;
  const max = Math.max(1, ...bars.flatMap((bar) => bar.values));
  const height = bars.length * rowHeight + 40;
  const rows = bars
    .map((bar, i) => {
      const y = 30 + i * rowHeight;
      const rects = bar.values
        .map((value, j) => {
          const w = ((width - labelWidth - 60) * value) / max;
          return (
            `<rect x="${labelWidth}" y="${y + j * 10}" width="${fmt(w)}" height="9" fill="${colours[j % colours.length]}"/>` +
            `<text x="${fmt(labelWidth + w + 4)}" y="${y + j * 10 + 8}" font-size="8">${value.toLocaleString('en-US')}</text>`
          );
        })
        .join('');
      return `<text x="${labelWidth - 6}" y="${y + 10}" font-size="10" text-anchor="end">${escapeHtml(bar.label)}</text>${rects}`;
    })
    .join('');
  const legend = series
    .map(
      (name, j) =>
        `<rect x="${labelWidth + j * 110}" y="8" width="10" height="10" fill="${colours[j % colours.length]}"/>` +
        `<text x="${labelWidth + j * 110 + 14}" y="17" font-size="10">${escapeHtml(name)}</text>`,
    )
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${legend}${rows}</svg>`;
}

export interface IntervalRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
}

/** A forest plot: each row's estimate with its interval, a line at zero ("no effect"). */
export function intervalChart(title: string, unit: string, rows: readonly IntervalRow[]): string {
  const width = 640;
  const labelWidth = 180;
  const plotWidth = width - labelWidth - 80;
  const height = rows.length * 22 + 40;
  const lo = Math.min(0, ...rows.map((r) => r.lower));
  const hi = Math.max(0, ...rows.map((r) => r.upper));
  const span = hi - lo || 1;
  const x = (value: number) => labelWidth + ((value - lo) / span) * plotWidth;
  const body = rows
    .map((row, i) => {
      const y = 30 + i * 22;
      const colour = row.lower > 0 ? '#2a7d4f' : row.upper < 0 ? '#b23a48' : '#555';
      return (
        `<text x="${labelWidth - 6}" y="${y + 4}" font-size="10" text-anchor="end">${escapeHtml(row.label)}</text>` +
        `<line x1="${fmt(x(row.lower))}" x2="${fmt(x(row.upper))}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="2"/>` +
        `<circle cx="${fmt(x(row.estimate))}" cy="${y}" r="4" fill="${colour}"/>` +
        `<text x="${width - 74}" y="${y + 4}" font-size="9">${fmt(row.estimate, 2)} ${escapeHtml(unit)} [${fmt(row.lower, 2)}, ${fmt(row.upper, 2)}]</text>`
      );
    })
    .join('');
  const zero =
    `<line x1="${fmt(x(0))}" x2="${fmt(x(0))}" y1="18" y2="${height - 10}" stroke="#999" stroke-dasharray="3 3"/>` +
    `<text x="${fmt(x(0))}" y="14" font-size="9" text-anchor="middle">0</text>`;
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${zero}${body}</svg>`;
}
