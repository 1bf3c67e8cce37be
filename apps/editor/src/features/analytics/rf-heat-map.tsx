import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import type { RfCell, RfMatrixResult } from './analysis';
import { moveInGrid, type GridPosition } from './grid-navigation';
import { HEAT_COLOURS, heatLegend, heatStep, matrixRows, textColourOn } from './heat-scale';
import { formatShare } from './share-format';

export interface RfHeatMapProps {
  matrix: RfMatrixResult;
  selected: RfCell | null;
  onSelect: (cell: RfCell) => void;
}

/**
 * The RF matrix as a table: rows are months since the last purchase, columns the number of
 * purchases, each cell a button coloured by its share of customers. The count and share are written
 * in every cell and each button names its row and column, so nothing depends on colour. The grid is
 * one tab stop; arrows, Home and End move between cells (roving tabindex), so the 98 cells do not
 * stand between a keyboard user and the rest of the page.
 */
export function RfHeatMap({ matrix, selected, onSelect }: RfHeatMapProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rows = matrixRows(matrix.cells);
  const maxShare = Math.max(0, ...matrix.cells.map((cell) => cell.customerShare));
  const columns = rows[0]?.cells ?? [];
  const [active, setActive] = useState<GridPosition>({ row: 0, column: 0 });
  const table = useRef<HTMLTableElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = moveInGrid(active, event.key, { rows: rows.length, columns: columns.length }, event.ctrlKey);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    table.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.row}:${next.column}"]`)?.focus();
  };
  const cellName = (cell: RfCell) =>
    t('analytics.rf.cellName', {
      recency: cell.recencyLabel,
      frequency: cell.frequencyLabel,
      customers: format.number(cell.customers),
      share: formatShare(cell.customerShare, format.locale),
    });

  return (
    <div className="heat-map">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('analytics.rf.caption')}>
        <table className="heat-map__table" ref={table}>
          <caption className="visually-hidden">{t('analytics.rf.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="heat-map__corner">
                {t('analytics.rf.corner')}
              </th>
              {columns.map((cell) => (
                <th scope="col" key={cell.frequency}>
                  {t('analytics.rf.frequencyColumn', { label: cell.frequencyLabel })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={row.recency}>
                <th scope="row">
                  {t('analytics.rf.recencyRow', { label: row.cells[0]?.recencyLabel ?? row.recency })}
                </th>
                {row.cells.map((cell, columnIndex) => {
                  const background = HEAT_COLOURS[heatStep(cell.customerShare, maxShare)]!;
                  const isSelected = selected?.recency === cell.recency && selected.frequency === cell.frequency;
                  return (
                    <td key={cell.frequency} className="heat-map__cell">
                      <button
                        type="button"
                        className="heat-map__button"
                        style={{ background, color: textColourOn(background) }}
                        aria-pressed={isSelected}
                        data-cell={`${rowIndex}:${columnIndex}`}
                        tabIndex={active.row === rowIndex && active.column === columnIndex ? 0 : -1}
                        onFocus={() => setActive({ row: rowIndex, column: columnIndex })}
                        onKeyDown={onKeyDown}
                        aria-label={cellName(cell)}
                        title={`${cell.stage.label} · ${cellName(cell)}`}
                        onClick={() => onSelect(cell)}
                      >
                        <span className="heat-map__count">{format.number(cell.customers)}</span>
                        <span className="heat-map__share">{formatShare(cell.customerShare, format.locale)}</span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <HeatLegend maxShare={maxShare} />
    </div>
  );
}

function HeatLegend({ maxShare }: { maxShare: number }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  return (
    <figure className="heat-legend">
      <figcaption>{t('analytics.rf.legend')}</figcaption>
      <ul>
        <li>
          <span className="heat-legend__swatch" style={{ background: HEAT_COLOURS[0] }} aria-hidden="true" />
          {t('analytics.rf.legendEmpty')}
        </li>
        {heatLegend(maxShare).map((step) => (
          <li key={step.step}>
            <span className="heat-legend__swatch" style={{ background: HEAT_COLOURS[step.step] }} aria-hidden="true" />
            {t('analytics.rf.legendRange', { from: formatShare(step.from, locale), to: formatShare(step.to, locale) })}
          </li>
        ))}
      </ul>
    </figure>
  );
}
