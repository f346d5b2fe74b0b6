import { after, before } from 'node:test';
import { remoteCrm, type RemoteCrm } from '@crmkit/core';
import { createServer, pgliteStore, type CrmServer, type ServerOptions } from '@crmkit/server';

/** The team every remote test server has: two managers and their head. */
export const TEAM = [
  { id: 'ann', name: 'Ann', role: 'manager' },
  { id: 'bob', name: 'Bob', role: 'manager' },
  { id: 'boss', name: 'Bo', role: 'head' },
] as const;

/** A team server on an in-memory PGlite, listening on a free loopback port. */
export interface TeamServer {
  /** The server. */
  server: CrmServer;
  /** The API root remoteCrm takes (`…/api`). */
  api: string;
  /** API tokens by user id. */
  tokens: Record<string, string>;
}

/** Starts a {@link TeamServer} (port 0: any free one). */
export async function startTeamServer(options: Omit<ServerOptions, 'store'> = {}): Promise<TeamServer> {
  const server = await createServer({ ...options, store: pgliteStore() });
  const tokens: Record<string, string> = {};
  for (const user of TEAM) tokens[user.id] = (await server.accounts.add(user)).token;
  const base = await server.listen(0);
  return { server, api: `${base}/api`, tokens };
}

/** What `remoteCrm` takes. */
export type RemoteOptions = Parameters<typeof remoteCrm>[0];

/** The reconnect timing of every remote test client: quick, so tests that go offline and back stay short. */
export const RETRY = { minMs: 30, maxMs: 200 };

/**
 * A {@link TeamServer} for the enclosing `describe`: started before its tests,
 * and closed after them together with every client `connect` opened.
 * `defaults` go to each client (e.g. `{ cache: memoryStore() }`).
 */
export function useTeamServer(options: Omit<ServerOptions, 'store'> = {}, defaults: () => Partial<RemoteOptions> = () => ({})): {
  readonly team: TeamServer;
  connect(user: string, extra?: Partial<RemoteOptions>): Promise<RemoteCrm>;
} {
  let team: TeamServer | undefined;
  const open: RemoteCrm[] = [];
  before(async () => {
    team = await startTeamServer(options);
  });
  after(async () => {
    for (const crm of open) await crm.close();
    await team?.server.close();
  });
  return {
    get team(): TeamServer {
      if (!team) throw new Error('useTeamServer: the server starts in before(); use it inside a test');
      return team;
    },
    async connect(user, extra = {}) {
      const t = this.team;
      const crm = await remoteCrm({ url: t.api, token: t.tokens[user]!, retry: RETRY, ...defaults(), ...extra });
      open.push(crm);
      return crm;
    },
  };
}

/**
 * A `fetch` whose network can be cut: while `down`, every call fails the way
 * a browser's does without a network (a `TypeError`), and cutting it breaks
 * what was under way, as a real network drop does — a request still waiting
 * for its answer fails, and an open stream (the change feed) errors. (Before,
 * a feed that was still opening when the network went down opened afterwards
 * and said the server was reachable.) `loseNextAnswer` lets the next write
 * reach the server and then drops its answer.
 */
export function switchableFetch(): { fetch: typeof fetch; down: boolean; loseNextAnswer: boolean; calls: string[] } {
  let down = false;
  // Requests whose answer or body may still be arriving (aborting a finished one does nothing); aborted when the network goes down.
  const underWay = new Set<AbortController>();
  const state = {
    get down() {
      return down;
    },
    set down(value: boolean) {
      down = value;
      if (!value) return;
      for (const c of underWay) c.abort(new TypeError('Failed to fetch'));
      underWay.clear();
    },
    loseNextAnswer: false,
    calls: [] as string[],
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      state.calls.push(`${method} ${String(input)}`);
      if (down) throw new TypeError('Failed to fetch');
      const cut = new AbortController();
      underWay.add(cut);
      const signal = init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal;
      let response: Response;
      try {
        response = await fetch(input, { ...init, signal });
      } catch (error) {
        underWay.delete(cut);
        throw cut.signal.aborted ? new TypeError('Failed to fetch') : error;
      }
      if (state.loseNextAnswer && method !== 'GET') {
        state.loseNextAnswer = false;
        underWay.delete(cut);
        await response.body?.cancel();
        throw new TypeError('Failed to fetch');
      }
      return response;
    }) as typeof fetch,
  };
  return state;
}

/** Waits until `check` passes (or fails after `ms`), polling; for effects that arrive through the change feed. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
