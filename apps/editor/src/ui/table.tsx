import type { Key, ReactNode } from 'react';

export interface TableColumn<Row> {
  /** Stable id of the column. */
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Numbers align right so digits line up. */
  align?: 'start' | 'end';
  /** The cell that names the row (a `<th scope="row">`), usually the first. */
  rowHeader?: boolean;
  /** Left out, header and cells (an action the role may not take). */
  hidden?: boolean;
}

export interface TableProps<Row> {
  /** Names the table for assistive technology; visually hidden unless `showCaption`. */
  caption: string;
  showCaption?: boolean;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  /** Shown in place of the body when there are no rows. */
  empty?: ReactNode;
}

export function Table<Row>({
  caption,
  showCaption = false,
  columns: allColumns,
  rows,
  rowKey,
  empty,
}: TableProps<Row>) {
  const columns = allColumns.filter((column) => !column.hidden);
  return (
    // The wrapper scrolls wide tables on narrow screens; it is focusable so keyboard users can scroll it too.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption className={showCaption ? 'table__caption' : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.align === 'end' ? 'align-end' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length} className="table__empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => {
                  const className = column.align === 'end' ? 'align-end' : undefined;
                  return column.rowHeader ? (
                    <th key={column.id} scope="row" className={className}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={className}>
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
