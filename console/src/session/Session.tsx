import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { http, useApiKey } from '../api/http';

/** The roles of the gateway's API keys (docs/security.md). */
export type Role = 'admin' | 'operator' | 'viewer';

/** Who the key in use belongs to, as the gateway answers `GET /api/v1/me`. */
export interface Principal {
  name: string;
  role: Role;
}

interface SessionValue {
  principal: Principal | null;
  /** Whether the key may change things: the gateway lets viewers only read. */
  canWrite: boolean;
  signIn: (key: string) => Promise<Principal>;
  signOut: () => void;
}

const STORAGE_KEY = 'upgradehub.apiKey';
export const SessionContext = createContext<SessionValue | null>(null);

/**
 * Holds the API key for this tab (sessionStorage: gone with the tab, never shared with others)
 * and the principal it stands for.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [restoring, setRestoring] = useState(() => sessionStorage.getItem(STORAGE_KEY) !== null);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    useApiKey(null);
    setPrincipal(null);
  }, []);

  const signIn = useCallback(
    async (key: string) => {
      useApiKey(key.trim(), signOut);
      try {
        const me = await http.get<Principal>('/api/v1/me');
        sessionStorage.setItem(STORAGE_KEY, key.trim());
        setPrincipal(me);
        return me;
      } catch (error) {
        useApiKey(null);
        throw error;
      }
    },
    [signOut],
  );

  useEffect(() => {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved === null) return;
    signIn(saved)
      .catch(() => sessionStorage.removeItem(STORAGE_KEY))
      .finally(() => setRestoring(false));
  }, [signIn]);

  const value = useMemo<SessionValue>(
    () => ({ principal, canWrite: principal !== null && principal.role !== 'viewer', signIn, signOut }),
    [principal, signIn, signOut],
  );
  if (restoring) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
