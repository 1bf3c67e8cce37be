import type { SegmentRule } from '@kizuna/segments';

/** A segment as GET /api/v1/segments returns it (dates as ISO strings over JSON). */
export interface Segment {
  id: number;
  name: string;
  description: string;
  definition: SegmentRule;
  refreshCron: string | null;
  memberCount: number;
  lastRefreshedAt: string | null;
  lastRefreshMs: number | null;
  lastError: string | null;
  nextRefreshAt: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

/** A customer as the preview sample and the member list show them. */
export interface MemberSummary {
  id: number;
  displayName: string | null;
  email: string | null;
  prefecture: string | null;
  rfmRank: string | null;
  stableSegment: string | null;
  revenue: number | null;
  lastOrderAt: string | null;
}

export interface MemberStay extends MemberSummary {
  enteredAt: string;
}

export interface SegmentChange {
  id: number;
  customerId: number;
  change: 'entered' | 'exited';
  at: string;
}

export interface SegmentPreview {
  count: number;
  customers: number;
  sample: MemberSummary[];
  referenceTime: string;
  tookMs: number;
}

export interface Page<Item> {
  items: Item[];
  next: number | null;
}

export interface SegmentDraft {
  name: string;
  description: string;
  definition: SegmentRule;
}

/** Share of the workspace's customers, 0..1; 0 for an empty workspace. */
export function shareOf(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}

/** What a name must be before saving (the engine's rule: 1..200 characters after trimming). */
export function segmentNameError(name: string): 'required' | 'tooLong' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'required';
  return trimmed.length > 200 ? 'tooLong' : null;
}
