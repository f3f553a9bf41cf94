// Sign-in as the province does it: OpenID Connect authorization code with PKCE (oidc-client-ts), against the
// configured issuer. Tokens live in sessionStorage: gone when the tab closes. The library is loaded only when
// someone signs in or is signed in, so a visitor who only searches never downloads it.
import type { User, UserManager } from "oidc-client-ts";
import { computed, shallowRef } from "vue";
import { config } from "./config";

let manager: Promise<UserManager> | undefined;
export const user = shallowRef<User | null>(null);

function users(): Promise<UserManager> {
  manager ??= import("oidc-client-ts").then(({ UserManager, WebStorageStateStore }) => {
    const origin = window.location.origin;
    return new UserManager({
      authority: config().issuer,
      client_id: config().clientId,
      redirect_uri: `${origin}/callback`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: "code",
      scope: "openid profile",
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
    });
  });
  return manager;
}

function storedSession(): boolean {
  try {
    return Object.keys(window.sessionStorage).some((key) => key.startsWith("oidc."));
  } catch {
    return false;
  }
}

export async function restoreUser(): Promise<void> {
  if (!storedSession()) return; // nobody signed in in this tab: no need for the library yet
  const stored = await (await users()).getUser();
  user.value = stored && !stored.expired ? stored : null;
}

export async function accessToken(): Promise<string | null> {
  const current = user.value;
  return current && !current.expired ? current.access_token : null;
}

/** 个人登录 or 法人登录: the unified login opens on that tab (issue 19). */
export type LoginKind = "personal" | "unit";

/** Off to the unified login; `returnTo` is where the person (or the unit's agent) lands after it. */
export async function signIn(returnTo: string, kind: LoginKind = "personal"): Promise<void> {
  const extraQueryParams = kind === "unit" ? { login_type: "unit" } : undefined;
  await (await users()).signinRedirect({ state: { returnTo }, extraQueryParams });
}

// --- units (issue 19): a 法人登录 token names the unit (统一社会信用代码, 单位名称) in its ID token's claims.
export interface SignedInUnit {
  creditCode: string;
  orgName: string;
}

export const unit = computed<SignedInUnit | null>(() => {
  const profile = user.value?.profile as { credit_code?: unknown; org_name?: unknown } | undefined;
  if (typeof profile?.credit_code !== "string" || !profile.credit_code) return null;
  return { creditCode: profile.credit_code, orgName: typeof profile.org_name === "string" ? profile.org_name : "" };
});

export async function completeSignIn(): Promise<string> {
  const signedIn = await (await users()).signinRedirectCallback();
  user.value = signedIn;
  const state = signedIn.state as { returnTo?: string } | undefined;
  return state?.returnTo ?? "/";
}

export async function signOut(): Promise<void> {
  const current = user.value;
  user.value = null;
  const signedIn = await users();
  await signedIn.removeUser();
  await signedIn.signoutRedirect(current?.id_token ? { id_token_hint: current.id_token } : {});
}
