import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface PageHeaderProps {
  /** The page's name, in the h1 and the document title. */
  title: string;
  /** Richer h1 content (a name with ruby readings); `title` still names the document. */
  heading?: ReactNode;
  description?: ReactNode;
  /** Buttons or links on the right of the title. */
  actions?: ReactNode;
  /** A line above the title, e.g. a back link. */
  eyebrow?: ReactNode;
}

export function PageHeader({ title, heading, description, actions, eyebrow }: PageHeaderProps) {
  const { t } = useTranslation();
  return (
    <div className="page-header">
      {/* React 19 hoists <title> into the document head. */}
      <title>{t('app.documentTitle', { page: title })}</title>
      <div className="page-header__text">
        {eyebrow && <div className="page-header__eyebrow">{eyebrow}</div>}
        <h1>{heading ?? title}</h1>
        {description && <p className="page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}
