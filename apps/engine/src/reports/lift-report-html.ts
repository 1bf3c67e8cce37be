import type { LiftReport, NodeReport } from './lift-report.result';
import { barChart, escapeHtml, intervalChart } from './report-svg';

const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
const pts = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} pt`;
const yen = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `¥${Math.round(value).toLocaleString('ja-JP')}`;
const pValue = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : value < 0.001 ? '<0.001' : value.toFixed(3);

function liftCells(node: NodeReport): string {
  const lift = node.lift;
  if (!lift) return '<td colspan="6"></td>';
  const d = lift.difference;
  return (
    `<td>${pct(lift.treatedRate)} (${lift.treated.converted}/${lift.treated.customers})</td>` +
    `<td>${pct(lift.controlRate)} (${lift.control.converted}/${lift.control.customers})</td>` +
    `<td class="${lift.significant ? 'sig' : ''}">${pts(d.estimate)} [${pts(d.lower)}, ${pts(d.upper)}]</td>` +
    `<td>${pValue(lift.test.pValue)}${lift.test.method === 'fisher-exact' ? ' (exact)' : ''}</td>` +
    `<td>${pValue(lift.sequential?.pValue)}</td>` +
    `<td>${yen(node.roi?.net.estimate)}</td>`
  );
}

/**
 * The weekly report as one printable HTML page: the journey's lift, the funnel and the lift per step
 * as inline SVG, the per-node table, split arms and repeat rate by stage. Every text from the
 * database (journey and node names) is escaped.
 */
export function liftReportHtml(report: LiftReport): string {
  const summary = report.summary.lift;
  const funnel = barChart(
    'Funnel per step',
    ['entered', 'sent', 'converted (last touch)'],
    report.nodes.map((node) => ({
      label: `v${node.version} ${node.label}`,
      values: [node.entered, node.sent, node.converted],
    })),
  );
  const lifted = report.nodes.filter((node) => node.lift);
  const liftChart = lifted.length
    ? intervalChart(
        'Conversion lift against the holdout, points',
        'pt',
        lifted.map((node) => ({
          label: `v${node.version} ${node.label}`,
          estimate: node.lift!.difference.estimate * 100,
          lower: node.lift!.difference.lower * 100,
          upper: node.lift!.difference.upper * 100,
        })),
      )
    : '<p>No holdout comparison in this period.</p>';
  const stages = report.repeatRateByStage.filter((stage) => stage.pointsGained);
  const stageChart = stages.length
    ? intervalChart(
        'Repeat rate gained by stage at entry, points',
        'pt',
        stages.map((stage) => ({ label: stage.label, ...stage.pointsGained! })),
      )
    : '<p>No repeat-rate comparison in this period.</p>';
  const rows = report.nodes
    .map(
      (node) =>
        `<tr><td>v${node.version}</td><td>${escapeHtml(node.label)}<br><small>${escapeHtml(node.nodeId)} · ${escapeHtml(node.type)}</small></td>` +
        `<td>${node.entered}</td><td>${node.waiting}</td><td>${node.exited}</td><td>${node.sent}</td><td>${node.delivered}</td>` +
        `<td>${node.opened}</td><td>${node.clicked}</td><td>${node.replied}</td><td>${node.converted}</td><td>${yen(node.revenue)}</td>` +
        `<td>${node.unsubscribes}</td><td>${yen(node.cost)}</td>${liftCells(node)}</tr>`,
    )
    .join('\n');
  const splits = report.nodes
    .filter((node) => node.split)
    .map((node) => {
      const split = node.split!;
      const arms = split.arms
        .map((arm) => `${escapeHtml(arm.arm)}: ${pct(arm.rate)} (${arm.converted}/${arm.customers})`)
        .join(' · ');
      return `<li><strong>${escapeHtml(node.label)}</strong>: ${arms} — winner: ${escapeHtml(split.winner ?? 'none yet (no arm significantly better)')}</li>`;
    })
    .join('');
  const m = report.method;
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(report.journey.name)} · lift report</title>
<style>
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;font-size:11px;width:100%}th,td{border:1px solid #ccc;padding:3px 5px;text-align:right}
td:nth-child(2),th:nth-child(2){text-align:left}.sig{font-weight:bold;color:#2a7d4f}small{color:#777}
@media print{body{margin:8mm}section{break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(report.journey.name)}</h1>
<p>${escapeHtml(report.period.from)} – ${escapeHtml(report.period.to)} (${escapeHtml(report.period.timeZone)}${report.period.lastFullWeek ? ', last full week' : ''})</p>
<section><h2>Lift of the journey</h2>${
    summary
      ? `<p>Treated ${pct(summary.treatedRate)} against holdout ${pct(summary.controlRate)}: <strong>${pts(summary.difference.estimate)}</strong>
  (${Math.round(m.confidence * 100)}% interval ${pts(summary.difference.lower)} to ${pts(summary.difference.upper)}), p = ${pValue(summary.test.pValue)};
  always-valid p = ${pValue(summary.sequential?.pValue)}. Net of channel costs: ${yen(report.summary.roi?.net.estimate)}
  (cost ${yen(report.summary.cost)}).</p>`
      : '<p>No holdout in this journey, or no customer in one of its groups in this period.</p>'
  }</section>
<section><h2>Funnel</h2>${funnel}</section>
<section><h2>Lift per step</h2>${liftChart}</section>
<section><h2>Steps</h2><table><thead><tr><th>ver.</th><th>step</th><th>entered</th><th>waiting</th><th>exited</th><th>sent</th>
<th>delivered</th><th>opened</th><th>clicked</th><th>replied</th><th>converted</th><th>revenue</th><th>unsub.</th><th>cost</th>
<th>treated</th><th>holdout</th><th>difference [CI]</th><th>p</th><th>always-valid p</th><th>net</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>
${splits ? `<section><h2>Split tests</h2><ul>${splits}</ul></section>` : ''}
<section><h2>Repeat rate by stage at entry</h2>${stageChart}</section>
<p><small>Difference: Newcombe hybrid score interval; p: two-proportion z-test, Fisher's exact test when an expected count is below 5;
always-valid p: mixture SPRT (τ = ${m.sequential.mixtureSd}), safe to read at every refresh. Conversions: non-trial orders within
${m.attributionWindowDays} days after the step; holdout customers placed at the median time treated customers reached it.</small></p>
</body></html>
`;
}
