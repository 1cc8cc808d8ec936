import type { OrganizationDto, TokenResponseDto, UserDto } from '@clockwork/api-client';

/** What a signed-in browser keeps: the token pair and who it belongs to. */
export interface Session {
  access_token: string;
  refresh_token: string;
  user: UserDto;
  organization: OrganizationDto;
}

const STORAGE_KEY = 'clockwork.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let current: Session | null = read();

/** The session in localStorage, so a reload stays signed in; listeners hear every change. */
export const sessionStore = {
  get: (): Session | null => current,
  set(session: Session | null): void {
    current = session;
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
    listeners.forEach((listener) => listener(session));
  },
  fromTokens(tokens: TokenResponseDto): Session {
    const { access_token, refresh_token, user, organization } = tokens;
    return { access_token, refresh_token, user, organization };
  },
  /** Re-reads storage (another tab signed in or out; tests resetting state). */
  reload(): void {
    current = read();
    listeners.forEach((listener) => listener(current));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
