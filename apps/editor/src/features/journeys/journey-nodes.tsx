import { useTranslation } from 'react-i18next';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import { Table, type TableColumn } from '../../ui/table';
import type { DraftNode } from './journey';

// Keyed by position: a draft may repeat a node id (one of its issues), and React keys may not.
type NodeRow = DraftNode & { position: number };

export function JourneyNodes({ nodes }: { nodes: readonly DraftNode[] }) {
  const { t } = useTranslation();
  const columns: TableColumn<NodeRow>[] = [
    { id: 'id', header: t('journeys.nodes.id'), rowHeader: true, cell: (node) => <code>{node.id}</code> },
    { id: 'type', header: t('journeys.nodes.type'), cell: (node) => node.type || EMPTY_VALUE },
    { id: 'label', header: t('journeys.nodes.label'), cell: (node) => node.label ?? EMPTY_VALUE },
  ];
  return (
    <Section title={t('journeys.nodes.title')}>
      <Table
        caption={t('journeys.nodes.title')}
        columns={columns}
        rows={nodes.map((node, position) => ({ ...node, position }))}
        rowKey={(node) => node.position}
        empty={t('journeys.nodes.empty')}
      />
    </Section>
  );
}
