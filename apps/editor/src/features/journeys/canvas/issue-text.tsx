import type { JourneyIssue } from '@kizuna/journey';
import { useTranslation } from 'react-i18next';

/**
 * An issue as the marketer reads it: a title translated from its code (the UI translates codes,
 * not messages), then libs/journey's message, which names the node and the field.
 */
export function IssueText({ issue, withoutNode = false }: { issue: JourneyIssue; withoutNode?: boolean }) {
  const { t } = useTranslation();
  const message = withoutNode ? issue.message.replace(/^Node "[^"]*" \([^)]*\): /, '') : issue.message;
  return (
    <>
      <span className="journey-issue__title">{t(`canvas.issueCodes.${issue.code}`)}</span>{' '}
      <span className="journey-issue__message">{message}</span>
    </>
  );
}
