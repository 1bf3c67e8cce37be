import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/section';
import { groupIssuesByNode, type DraftNode, type JourneyIssue } from './journey';

export interface JourneyIssueListProps {
  title: string;
  description: string;
  issues: readonly JourneyIssue[];
  nodes: readonly DraftNode[];
  /** Shown when there are no issues. */
  empty: string;
}

/** Issues under the node they concern; the message itself names the node too (`Node "send-1" (send): ...`). */
export function JourneyIssueList({ title, description, issues, nodes, empty }: JourneyIssueListProps) {
  const { t } = useTranslation();
  const groups = groupIssuesByNode(issues, nodes);
  return (
    <Section title={title}>
      <p className="muted">{description}</p>
      {groups.length === 0 ? (
        <p role="status">{empty}</p>
      ) : (
        <ul className="journey-issues">
          {groups.map((group) => (
            <li key={group.nodeId ?? ''}>
              {group.nodeId === null ? t('journeys.issues.graph') : <code>{group.nodeId}</code>}
              <ul>
                {group.issues.map((issue, index) => (
                  <li key={`${issue.code}-${index}`}>
                    {issue.message} <code className="muted">{issue.code}</code>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
