import { useState } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * The token of a mailed link (`/<page>#token=...`): read once from the URL's fragment, which
 * browsers never send to a server, then kept in state. `?token=` is accepted too.
 */
export function useLinkToken(): string {
  const location = useLocation();
  const [token] = useState(() => new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? new URLSearchParams(location.search).get('token') ?? '');
  return token;
}
