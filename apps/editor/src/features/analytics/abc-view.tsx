import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Badge, type BadgeTone } from '../../ui/badge';
import { Notice } from '../../ui/notice';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import type { AbcClass, AbcResult } from './analysis';
import { AnalysisView } from './analysis-view';
import { formatShare } from './share-format';

const CLASS_TONES: Record<AbcClass, BadgeTone> = { A: 'success', B: 'info', C: 'neutral' };

/** ABC analysis of products within each category: A makes the first share of sales, then B, then C. */
export function AbcView() {
  return <AnalysisView<AbcResult> name="abc">{(snapshot) => <Abc result={snapshot.result} />}</AnalysisView>;
}

function Abc({ result }: { result: AbcResult }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const share = (value: number) => formatShare(value, format.locale);
  if (result.categories.length === 0) return <Notice tone="info">{t('analytics.noData')}</Notice>;
  return (
    <>
      <p className="muted">
        {t('analytics.abc.summary', {
          days: result.windowDays,
          a: share(result.thresholds.a),
          b: share(result.thresholds.b),
        })}
      </p>
      {result.categories.map((category) => (
        <Section
          key={category.category}
          title={t('analytics.abc.category', { category: category.category, sales: format.yen(category.sales) })}
        >
          <p className="muted">{t('analytics.abc.counts', category.counts)}</p>
          <Table
            caption={category.category}
            rows={category.products}
            rowKey={(product) => product.productId}
            columns={[
              {
                id: 'class',
                header: t('analytics.abc.class'),
                cell: (product) => <Badge tone={CLASS_TONES[product.abcClass]}>{product.abcClass}</Badge>,
              },
              { id: 'name', header: t('analytics.abc.product'), rowHeader: true, cell: (product) => product.name },
              { id: 'sku', header: 'SKU', cell: (product) => <code>{product.sku}</code> },
              { id: 'sales', header: t('analytics.sales'), align: 'end', cell: (product) => format.yen(product.sales) },
              {
                id: 'quantity',
                header: t('analytics.abc.quantity'),
                align: 'end',
                cell: (product) => format.number(product.quantity),
              },
              {
                id: 'share',
                header: t('analytics.salesShare'),
                align: 'end',
                cell: (product) => share(product.salesShare),
              },
              {
                id: 'cumulative',
                header: t('analytics.cumulativeShare'),
                align: 'end',
                cell: (product) => share(product.cumulativeShare),
              },
            ]}
          />
        </Section>
      ))}
    </>
  );
}
