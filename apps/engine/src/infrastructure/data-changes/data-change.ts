import type { ImportKind } from '@kizuna/ingest';

/**
 * What changed in a workspace's data, as the modules that change it announce it after their
 * transaction commits. Segments (and later journeys) listen to refresh what depends on it. Ids,
 * never personal data.
 */
export type DataChange =
  /** Events stored for these customers. */
  | { kind: 'events'; workspaceId: number; customerIds: number[]; eventNames: string[] }
  /** Profiles, identities or consents of these customers changed (an upsert, a merge's survivors). */
  | { kind: 'customers'; workspaceId: number; customerIds: number[] }
  /** A bulk import finished: whatever reads that kind of data may have changed for anyone. */
  | { kind: 'import'; workspaceId: number; importKind: ImportKind }
  /** customer_metrics were rewritten by an analytics refresh. */
  | { kind: 'analytics'; workspaceId: number }
  /** Scores of these models were rewritten. */
  | { kind: 'scores'; workspaceId: number; models: string[] }
  /** A segment's membership changed for these customers ('all': a full refresh with changes). */
  | { kind: 'segment'; workspaceId: number; segmentId: number; customerIds: number[] | 'all' };

export type DataChangeListener = (change: DataChange) => Promise<void>;
