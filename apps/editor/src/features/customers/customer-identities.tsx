import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Section } from '../../ui/section';
import { groupIdentities, type CustomerIdentity } from './customer';

export function CustomerIdentities({ identities }: { identities: readonly CustomerIdentity[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const groups = groupIdentities(identities);
  return (
    <Section title={t('customers.identities.title')}>
      {groups.length === 0 ? (
        <p className="muted">{t('customers.identities.empty')}</p>
      ) : (
        <dl className="identity-groups">
          {groups.map((group) => (
            <div key={group.kind} className="identity-group">
              <dt>{t(`customers.identities.kind.${group.kind}`)}</dt>
              {group.identities.map((identity) => (
                <dd key={`${identity.source}:${identity.value}`} className="identity">
                  <span className="identity__value">{identity.value}</span>
                  <span className="identity__meta">
                    {identity.source
                      ? t('customers.identities.meta', {
                          source: identity.source,
                          date: format.date(identity.createdAt),
                        })
                      : t('customers.identities.metaShared', { date: format.date(identity.createdAt) })}
                  </span>
                </dd>
              ))}
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}
