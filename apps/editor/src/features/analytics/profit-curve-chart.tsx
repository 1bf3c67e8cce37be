import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import type { ProfitCurvePoint } from './analysis';
import { linePath, linearScale, niceTicks, peakOf, profitCurvePoints } from './chart-scale';

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 24, bottom: 48, left: 96 };

export interface ProfitCurveChartProps {
  curve: readonly ProfitCurvePoint[];
  /** Contacts of the break-even selection: the curve up to here is drawn as selected. */
  targets: number;
}

/**
 * Expected profit against the number of customers contacted, groups added best first. The curve
 * rises while each group earns more than its contacts cost and falls after; the selection stops at
 * the top. The table beside it carries the same figures as text.
 */
export function ProfitCurveChart({ curve, targets }: ProfitCurveChartProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const titleId = useId();
  const points = profitCurvePoints(curve);
  const xTicks = niceTicks(0, Math.max(...points.map((point) => point.x)), 5);
  const yTicks = niceTicks(
    Math.min(0, ...points.map((point) => point.y)),
    Math.max(0, ...points.map((point) => point.y)),
    5,
  );
  const x = linearScale([xTicks[0]!, xTicks[xTicks.length - 1]!], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([yTicks[0]!, yTicks[yTicks.length - 1]!], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const scaled = points.map((point) => ({ x: x(point.x), y: y(point.y) }));
  const selected = scaled.slice(0, points.findIndex((point) => point.x === targets) + 1);
  const peak = peakOf(points);

  return (
    <figure className="profit-curve">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        className="profit-curve__svg"
        data-testid="profit-curve"
      >
        <title id={titleId}>
          {t('analytics.targets.chartTitle', {
            targets: format.number(targets),
            profit: format.yen(peak?.y ?? 0),
          })}
        </title>
        <g className="profit-curve__grid" aria-hidden="true">
          {yTicks.map((tick) => (
            <g key={tick}>
              <line
                x1={MARGIN.left}
                x2={WIDTH - MARGIN.right}
                y1={y(tick)}
                y2={y(tick)}
                className={tick === 0 ? 'profit-curve__zero' : undefined}
              />
              <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle">
                {format.yen(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <text key={tick} x={x(tick)} y={HEIGHT - MARGIN.bottom + 20} textAnchor="middle">
              {format.number(tick)}
            </text>
          ))}
          <text
            x={(MARGIN.left + WIDTH - MARGIN.right) / 2}
            y={HEIGHT - 8}
            textAnchor="middle"
            className="profit-curve__axis-label"
          >
            {t('analytics.targets.contacts')}
          </text>
        </g>
        <path d={linePath(scaled)} className="profit-curve__line" />
        {selected.length > 1 && (
          <path d={linePath(selected)} className="profit-curve__line profit-curve__line--selected" />
        )}
        {scaled.map((point, index) => (
          <circle key={index} cx={point.x} cy={point.y} r={index === 0 ? 0 : 4} className="profit-curve__point" />
        ))}
      </svg>
      <figcaption className="profit-curve__legend">
        <span className="profit-curve__key profit-curve__key--selected" aria-hidden="true" />{' '}
        {t('analytics.targets.legendSelected')}
        <span className="profit-curve__key" aria-hidden="true" /> {t('analytics.targets.legendRest')}
      </figcaption>
    </figure>
  );
}
