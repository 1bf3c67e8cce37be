import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import { describeAttribute, formatAddress, type CustomerProfile } from './customer';

const GENDERS = ['female', 'male', 'other'] as const;
type Gender = (typeof GENDERS)[number];

function isGender(value: string | null): value is Gender {
  return value !== null && (GENDERS as readonly string[]).includes(value);
}

export function CustomerDetails({ customer }: { customer: CustomerProfile }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { profile } = customer;
  const attributes = Object.entries(customer.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Section title={t('customers.profile.title')}>
      <dl className="details">
        <div>
          <dt>{t('customers.profile.gender')}</dt>
          <dd>
            {isGender(profile.gender) ? t(`customers.gender.${profile.gender}`) : (profile.gender ?? EMPTY_VALUE)}
          </dd>
        </div>
        <div>
          <dt>{t('customers.profile.birthDate')}</dt>
          <dd>{format.calendarDate(profile.birthDate)}</dd>
        </div>
        <div>
          <dt>{t('customers.profile.address')}</dt>
          <dd>
            {profile.postalCode && <span className="postal-code">〒{profile.postalCode} </span>}
            {formatAddress(profile) ?? (profile.postalCode ? '' : EMPTY_VALUE)}
          </dd>
        </div>
        <div>
          <dt>{t('customers.profile.registeredAt')}</dt>
          <dd>{format.dateTime(profile.registeredAt)}</dd>
        </div>
        <div>
          <dt>{t('customers.profile.sources')}</dt>
          <dd>
            {customer.sources.length > 0 ? (
              <ul className="chip-list">
                {customer.sources.map((source) => (
                  <li key={source} className="chip">
                    {source}
                  </li>
                ))}
              </ul>
            ) : (
              EMPTY_VALUE
            )}
          </dd>
        </div>
      </dl>
      <h3 className="subheading">{t('customers.profile.attributes')}</h3>
      {attributes.length > 0 ? (
        <dl className="details">
          {attributes.map(([name, value]) => (
            <div key={name}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd>{describeAttribute(value) || EMPTY_VALUE}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t('customers.profile.noAttributes')}</p>
      )}
    </Section>
  );
}
