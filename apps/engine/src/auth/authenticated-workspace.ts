import type { WorkspaceGrant } from '@kizuna/shared';

/** Who is calling: a machine with an API key, or a person signed in to the editor. */
export type Caller = { type: 'api_key'; id: number; name: string } | { type: 'user'; id: number; name: string };

/** The workspace a request acts in, who acts, and what their role lets them do there. */
export interface AuthenticatedWorkspace extends WorkspaceGrant {
  workspaceId: number;
  slug: string;
  timezone: string;
  caller: Caller;
}
