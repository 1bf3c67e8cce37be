import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKeyStore } from '../../api/api-key-store';
import { fetchWorkspace, workspaceQueryKey } from '../../session/workspace.api';

/** Checks a pasted key against the engine and saves it only if the engine accepts it. */
export function useConnect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKey: string) => fetchWorkspace({ apiKey }).then((workspace) => ({ apiKey, workspace })),
    onSuccess: ({ apiKey, workspace }) => {
      apiKeyStore.save(apiKey);
      queryClient.setQueryData(workspaceQueryKey, workspace);
    },
  });
}

/** Forgets the key; the query cache empties itself on the key change (see createQueryClient). */
export function useDisconnect(): () => void {
  return apiKeyStore.clear;
}
