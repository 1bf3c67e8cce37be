import { NavLink } from 'react-router';

export interface SubNavigationItem {
  to: string;
  label: string;
  /** Active only on this exact path (an index section), not on the paths below it. */
  end?: boolean;
}

/** The sections of one page (analytics views, channel settings) as a row of tabs-like links. */
export function SubNavigation({ label, items }: { label: string; items: readonly SubNavigationItem[] }) {
  return (
    <nav className="sub-nav" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="sub-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
