import type { SegmentCatalogue, SegmentRule } from '@kizuna/segments';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/section';
import { useSegmentCatalogue } from './rule-builder/catalogue.api';
import { useRuleSummary } from './rule-builder/use-rule-summary';
import { useSegments } from './segments.api';
import './segments.css';

/** The segment's rule in one line of the marketer's words (the editor shows it in full). */
export function SegmentRuleSummary({ rule }: { rule: SegmentRule }) {
  const catalogue = useSegmentCatalogue();
  if (!catalogue.data) return null;
  return <Summary rule={rule} catalogue={catalogue.data} />;
}

function Summary({ rule, catalogue }: { rule: SegmentRule; catalogue: SegmentCatalogue }) {
  const { t } = useTranslation();
  const segments = useSegments().data?.items;
  const names = useMemo(() => new Map((segments ?? []).map((segment) => [segment.id, segment.name])), [segments]);
  const summarise = useRuleSummary(catalogue, names);
  return (
    <Section title={t('segments.summary.title')}>
      <p className="rule-summary">{summarise(rule)}</p>
    </Section>
  );
}
