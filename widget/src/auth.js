// OIDC Authorization Code + PKCE (S256) in a popup. The access token lives in this module's memory
// only: no localStorage, no sessionStorage, no cookies of ours. Elements on one page that name the
// same issuer and client share one session.

const sessions = new Map();

function base64url(bytes) {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export class LoginError extends Error {
  constructor(code, detail) {
    super(detail || code);
    this.code = code;
  }
}

class Session {
  constructor(issuer, clientId) {
    this.issuer = issuer.replace(/\/+$/, '');
    this.clientId = clientId;
    this.token = null;
    this.expiresAt = 0;
    this.listeners = new Set();
    this.discovery = null;
  }

  get accessToken() {
    if (this.token && Date.now() >= this.expiresAt) this.clear();
    return this.token;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(token, expiresInSeconds) {
    this.token = token;
    this.expiresAt = Date.now() + Math.max(1, (expiresInSeconds || 300) - 10) * 1000;
    this.listeners.forEach((l) => l());
  }

  clear() {
    if (this.token === null) return;
    this.token = null;
    this.expiresAt = 0;
    this.listeners.forEach((l) => l());
  }

  async configuration() {
    if (!this.discovery) {
      const response = await fetch(`${this.issuer}/.well-known/openid-configuration`);
      if (!response.ok) throw new LoginError('discovery', `discovery ${response.status}`);
      this.discovery = await response.json();
    }
    return this.discovery;
  }

  /**
   * Opens the popup synchronously (call from a click handler, or popup blockers refuse it), then
   * sends it to the provider. The callback page, served by Otklik at redirectUri, posts the code back
   * to this window's origin, which travels in the state.
   */
  async login(redirectUri, lang) {
    const popup = window.open('about:blank', 'otklik-login', 'popup,width=520,height=680');
    if (!popup) throw new LoginError('popup-blocked', 'popup blocked');
    try {
      const config = await this.configuration();
      const verifier = randomToken(48);
      const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
      const state = `${randomToken(24)}.${base64url(new TextEncoder().encode(window.location.origin))}`;
      const url = new URL(config.authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code', client_id: this.clientId, redirect_uri: redirectUri, scope: 'openid',
        state, code_challenge: challenge, code_challenge_method: 'S256', ui_locales: lang,
      }).toString();
      popup.location.href = url.toString();
      const code = await waitForCode(popup, new URL(redirectUri).origin, state);
      const response = await fetch(config.token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: this.clientId,
          code_verifier: verifier,
        }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok || !body.access_token) {
        throw new LoginError('token', body.error_description || body.error || `token ${response.status}`);
      }
      this.set(body.access_token, body.expires_in);
    } catch (e) {
      if (!popup.closed) popup.close();
      throw e instanceof LoginError ? e : new LoginError('failed', e.message);
    }
  }
}

function waitForCode(popup, callbackOrigin, state) {
  return new Promise((resolve, reject) => {
    const closedCheck = setInterval(() => {
      if (popup.closed) finish(() => reject(new LoginError('cancelled')));
    }, 500);
    function onMessage(event) {
      if (event.origin !== callbackOrigin || event.source !== popup) return;
      const data = event.data;
      if (!data || data.type !== 'otklik-auth' || data.state !== state) return;
      finish(() => (data.code ? resolve(data.code) : reject(new LoginError('denied', data.error || 'no code'))));
    }
    function finish(settle) {
      clearInterval(closedCheck);
      window.removeEventListener('message', onMessage);
      settle();
    }
    window.addEventListener('message', onMessage);
  });
}

export function sessionFor(issuer, clientId) {
  const key = `${issuer}\n${clientId}`;
  if (!sessions.has(key)) sessions.set(key, new Session(issuer, clientId));
  return sessions.get(key);
}

/** A session without a provider: the host page hands a token over (element.token = …). */
export function detachedSession() {
  return new Session('', '');
}
