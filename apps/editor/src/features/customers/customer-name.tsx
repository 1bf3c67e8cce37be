import { nameParts, type CustomerPersonalProfile } from './customer';

/** 姓 名 with each reading as ruby above it; `fallback` when no name is known. */
export function CustomerName({ profile, fallback }: { profile: CustomerPersonalProfile; fallback: string }) {
  const parts = nameParts(profile);
  if (parts.length === 0) return <>{fallback}</>;
  return (
    <span className="person-name">
      {parts.map((part, index) => (
        <span key={index} className="person-name__part">
          {part.reading ? (
            <ruby>
              {part.text}
              <rp>(</rp>
              <rt>{part.reading}</rt>
              <rp>)</rp>
            </ruby>
          ) : (
            part.text
          )}
        </span>
      ))}
    </span>
  );
}

/** The name as plain text (姓 名) for the document title. */
export function customerNameText(profile: CustomerPersonalProfile): string | null {
  const parts = nameParts(profile);
  return parts.length > 0 ? parts.map((part) => part.text).join(' ') : null;
}
