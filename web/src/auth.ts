// Sign-in as the province does it: OpenID Connect authorization code with PKCE (oidc-client-ts), against the
// configured issuer. Tokens live in sessionStorage: gone when the tab closes.
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { ref } from "vue";
import { config } from "./config";

let manager: UserManager | undefined;
export const user = ref<User | null>(null);

function users(): UserManager {
  if (!manager) {
    const origin = window.location.origin;
    manager = new UserManager({
      authority: config().issuer,
      client_id: config().clientId,
      redirect_uri: `${origin}/callback`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: "code",
      scope: "openid profile",
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
    });
  }
  return manager;
}

export async function restoreUser(): Promise<void> {
  const stored = await users().getUser();
  user.value = stored && !stored.expired ? stored : null;
}

export async function accessToken(): Promise<string | null> {
  if (!manager) return null;
  const current = user.value;
  return current && !current.expired ? current.access_token : null;
}

/** Off to the unified login; `returnTo` is where the person lands after it. */
export async function signIn(returnTo: string): Promise<void> {
  await users().signinRedirect({ state: { returnTo } });
}

export async function completeSignIn(): Promise<string> {
  const signedIn = await users().signinRedirectCallback();
  user.value = signedIn;
  const state = signedIn.state as { returnTo?: string } | undefined;
  return state?.returnTo ?? "/";
}

export async function signOut(): Promise<void> {
  const current = user.value;
  user.value = null;
  await users().removeUser();
  await users().signoutRedirect(current?.id_token ? { id_token_hint: current.id_token } : {});
}
