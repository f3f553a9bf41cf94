// The deployment's settings, read once at start from /config.json (devstack writes it locally, the CDK app in
// the cloud), so one build runs everywhere.
export interface ClientConfig {
  apiBaseUrl: string;
  issuer: string;
  clientId: string;
}

let loaded: ClientConfig | undefined;

export async function loadConfig(): Promise<ClientConfig> {
  // The index preloads it; served with revalidation, so a new deployment's settings are seen at once.
  const answer = await fetch("/config.json", { credentials: "same-origin" });
  if (!answer.ok) throw new Error(`/config.json: ${answer.status}`);
  loaded = (await answer.json()) as ClientConfig;
  return loaded;
}

export function config(): ClientConfig {
  if (!loaded) throw new Error("config not loaded");
  return loaded;
}
