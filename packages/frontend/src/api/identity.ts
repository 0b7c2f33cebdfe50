/** Who is signed in, as the backend's auth routes describe it. */
export interface Identity {
  type: 'user';
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

interface Session {
  token: string;
  expiresAt: string;
  identity: Identity;
}

const STORAGE_KEY = 'atrium.session';
// Refresh this long before expiry so an in-flight request never carries an expired token.
const REFRESH_MARGIN_MS = 60_000;

/**
 * Holds the signed-in session (a guest token for now), keeps it in sessionStorage so reloads stay
 * signed in, and refreshes it shortly before it expires.
 */
export class IdentityManager {
  private session: Session | undefined;
  private pending: Promise<Session> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args), private readonly storage: Storage | undefined = safeSessionStorage()) {
    this.session = this.readStored();
    if (this.session) this.scheduleRefresh(this.session);
  }

  /** The current identity, or undefined when signed out or not yet signed in. */
  getIdentity(): Identity | undefined {
    return this.session?.identity;
  }

  /** A valid token, signing in as guest first when needed. */
  async getToken(): Promise<string> {
    const s = this.session;
    if (s && Date.parse(s.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return s.token;
    return (await this.signIn()).token;
  }

  /** Gets a fresh guest token (de-duplicated while one is in flight). */
  signIn(): Promise<Session> {
    this.pending ??= this.requestGuestToken().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  /** Forgets the token after the backend rejected it, so the next call gets a new one. */
  invalidate(): void {
    this.setSession(undefined);
  }

  signOut(): void {
    this.setSession(undefined);
  }

  /** Subscribes to sign-in/out; returns the unsubscribe function (fits useSyncExternalStore). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async requestGuestToken(): Promise<Session> {
    const res = await this.fetchImpl('/api/auth/guest/token', { method: 'POST', headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`Guest sign-in failed with status ${res.status}`);
    const session = (await res.json()) as Session;
    if (!session?.token || !session.identity) throw new Error('Guest sign-in returned an unexpected response');
    this.setSession(session);
    return session;
  }

  private setSession(session: Session | undefined) {
    this.session = session;
    clearTimeout(this.timer);
    try {
      if (session) this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
      else this.storage?.removeItem(STORAGE_KEY);
    } catch { /* storage full or blocked: the session still lives in memory */ }
    if (session) this.scheduleRefresh(session);
    this.listeners.forEach(l => l());
  }

  private scheduleRefresh(session: Session) {
    const delay = Date.parse(session.expiresAt) - Date.now() - REFRESH_MARGIN_MS;
    if (!Number.isFinite(delay)) return;
    // setTimeout overflows past ~24.8 days; such tokens are refreshed on use instead.
    if (delay > 2 ** 31 - 1) return;
    this.timer = setTimeout(() => { this.signIn().catch(err => console.warn('[atrium] token refresh failed', err)); }, Math.max(0, delay));
  }

  private readStored(): Session | undefined {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      const s = raw ? (JSON.parse(raw) as Session) : undefined;
      return s && Date.parse(s.expiresAt) > Date.now() ? s : undefined;
    } catch {
      return undefined;
    }
  }
}

function safeSessionStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

let defaultManager: IdentityManager | undefined;
/** The app-wide identity manager used by `createApiClient` unless one is passed. */
export function getDefaultIdentityManager(): IdentityManager {
  defaultManager ??= new IdentityManager();
  return defaultManager;
}
