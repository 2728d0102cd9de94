// Who is signed in. Locally: a development token picked on the sign-in page. In the cloud: the
// Cognito hosted UI, authorization code flow with PKCE; the ID token (which carries the
// cognito:groups the API's authorizer reads) is sent as the bearer token.
import config from "../config.js";

const KEY = "billma.session";
const PKCE_KEY = "billma.pkce";
const ROLES = ["portal", "reviewer", "insurer"];

export function mode() {
  return config.auth?.mode === "cognito" ? "cognito" : "dev";
}

export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || "null");
    if (!s || !s.token) return null;
    if (s.expiresAt && Date.now() > s.expiresAt) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function token() {
  return session()?.token ?? null;
}

export function hasRole(role) {
  return Boolean(session()?.roles?.includes(role));
}

export function signInWithDevToken(entry) {
  const roles = entry.role ? [entry.role] : ROLES.filter((r) => entry.token.includes(r));
  const s = { token: entry.token, roles, subject: entry.token, label: entry.label, mode: "dev" };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  if (mode() === "cognito" && config.auth.cognito.domain) {
    const c = config.auth.cognito;
    const url = new URL("/logout", c.domain);
    url.searchParams.set("client_id", c.clientId);
    url.searchParams.set("logout_uri", c.logoutUri || redirectUri());
    window.location.assign(url.toString());
    return true;
  }
  return false;
}

// ------------------------------------------------------------------------------ Cognito

function redirectUri() {
  return config.auth.cognito.redirectUri || window.location.origin + window.location.pathname;
}

function base64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(n = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}

export async function startCognitoSignIn() {
  const c = config.auth.cognito;
  const verifier = randomString(48);
  const state = randomString(16);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, hash: window.location.hash }));
  const url = new URL("/oauth2/authorize", c.domain);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", c.clientId);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("scope", (c.scopes || ["openid"]).join(" "));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("code_challenge", base64url(new Uint8Array(digest)));
  window.location.assign(url.toString());
}

function decodeJwt(jwt) {
  const part = String(jwt || "").split(".")[1] || "";
  const binary = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

/**
 * On return from the hosted UI (?code=…&state=…): exchange the code for tokens, store the
 * session, clean the URL. Returns the hash to go back to, or null when there was no code.
 */
export async function completeCognitoSignIn() {
  const params = new URLSearchParams(window.location.search);
  const code = params.get("code");
  const error = params.get("error_description") || params.get("error");
  if (!code && !error) return null;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || "null");
  sessionStorage.removeItem(PKCE_KEY);
  window.history.replaceState(null, "", window.location.pathname + (saved?.hash || ""));
  if (error) throw new Error(`Connexion refusée : ${error}`);
  if (!saved || saved.state !== params.get("state")) throw new Error("Connexion interrompue : recommencez.");
  const c = config.auth.cognito;
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: c.clientId,
    code,
    redirect_uri: redirectUri(),
    code_verifier: saved.verifier,
  });
  const response = await fetch(new URL("/oauth2/token", c.domain), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  if (!response.ok) throw new Error("Connexion impossible : le jeton n'a pas pu être obtenu.");
  const tokens = await response.json();
  const claims = decodeJwt(tokens.id_token);
  const groups = Array.isArray(claims["cognito:groups"]) ? claims["cognito:groups"] : [];
  const s = {
    token: tokens.id_token,
    roles: ROLES.filter((r) => groups.includes(r)),
    subject: claims.email || claims["cognito:username"] || claims.sub,
    label: claims.email || claims["cognito:username"] || "",
    mode: "cognito",
    expiresAt: (claims.exp || 0) * 1000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return saved.hash || "";
}
