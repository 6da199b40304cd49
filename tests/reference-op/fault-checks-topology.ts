import type { ClusterFaultName } from '../../fixtures/reference-op/faults';
import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { basic, createClient, createUser, expect, login, revoke, REVOKE_SCOPE_DN, sessionState, tokenFor, viewAt, type FaultCheck } from './support';

/** One check per fault of another topology (faults.spec.ts runs them): the multi-node faults. */

const CACHE_MS = 300;

export const CLUSTER_CHECKS: Record<ClusterFaultName, FaultCheck> = {
  'node-never-forgets': {
    options: { nodes: 2, nodeCacheMs: CACHE_MS },
    check: async (op) => {
      const [first, last] = op.nodeUrls.map((url) => viewAt(op, url)) as [RunningReferenceOp, RunningReferenceOp];
      const token = await tokenFor(op);
      const user = await createUser(op, token);
      const client = await createClient(op, token, { scopes: [REVOKE_SCOPE_DN, 'openid', 'profile'] });
      const { jar } = await login(first, client, user);
      expect(await sessionState(last, jar)).toBe('authenticated');
      const cachedAt = Date.now();
      const res = await revoke(first, { auth: basic(client.inum, client.clientSecret), params: { user_criterion_key: 'uid', user_criterion_value: user.userId } });
      expect(res.status).toBe(200);
      expect(await sessionState(first, jar)).toBe('unknown');
      // Polled until well past the cache's lifetime: the last node never answers otherwise.
      const states = new Set<string>();
      while (Date.now() < cachedAt + 4 * CACHE_MS) {
        states.add(await sessionState(last, jar));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect([...states]).toEqual(['authenticated']);
    },
  },
};
