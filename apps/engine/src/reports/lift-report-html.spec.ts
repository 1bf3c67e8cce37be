import { liftReportCsv } from './lift-report-csv';
import { liftReportHtml } from './lift-report-html';
import type { LiftReport, NodeReport } from './lift-report.result';

const node = (nodeId: string, label: string): NodeReport => ({
  versionId: 1,
  version: 1,
  nodeId,
  type: 'send',
  label,
  entered: 10,
  exited: 0,
  waiting: 0,
  sent: 10,
  suppressed: 0,
  failed: 0,
  sentByChannel: { email: 10 },
  delivered: 10,
  opened: 3,
  clicked: 1,
  replied: 0,
  unsubscribes: 0,
  converted: 2,
  revenue: 6000,
  cost: 1,
  lift: null,
  split: null,
  roi: null,
});

const report: LiftReport = {
  journey: { id: 7, name: '<script>alert(1)</script> 冬, "sale"' },
  period: {
    from: '2026-11-29T15:00:00.000Z',
    to: '2026-12-06T15:00:00.000Z',
    timeZone: 'Asia/Tokyo',
    lastFullWeek: true,
  },
  method: {
    confidence: 0.95,
    interval: 'newcombe-hybrid-score',
    test: 'z-test; fisher-exact when an expected count < 5',
    relativeLift: 'katz-log',
    revenuePerCustomer: 'welch',
    sequential: { method: 'mixture-sprt', mixtureSd: 0.02 },
    attributionWindowDays: 7,
    repeatWindowDays: 30,
    unitCosts: { email: 0.1 },
  },
  summary: { lift: null, roi: null, cost: 1 },
  nodes: [node('offer', 'Offer <b>now</b>')],
  repeatRateByStage: [],
};

describe('lift report formats', () => {
  it('escapes every name from the database in the HTML page, which has no script', () => {
    const html = liftReportHtml(report);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 冬, &quot;sale&quot;');
    expect(html).toContain('Offer &lt;b&gt;now&lt;/b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<svg role="img" aria-label="Funnel per step"');
  });

  it('writes CSV with a BOM, CRLF and RFC 4180 quoting', () => {
    const csv = liftReportCsv(report);
    expect(csv.startsWith('\ufeffjourney_id,journey,')).toBe(true);
    const line = csv.split('\r\n')[1]!;
    expect(line.startsWith('7,"<script>alert(1)</script> 冬, ""sale""",2026-11-29T15:00:00.000Z,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
