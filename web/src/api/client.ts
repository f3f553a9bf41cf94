// The one typed client of the API, generated from its OpenAPI document: every call names a documented path, and
// a contract change that breaks a page fails the type check.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";
import { config } from "../config";
import { accessToken } from "../auth";

export type Schemas = components["schemas"];
export type ApiError = Schemas["Error"]["error"];
export type ApiClient = ReturnType<typeof createClient<paths>>;

let client: ApiClient | undefined;

const bearer: Middleware = {
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
};

/** The documented paths begin with /v1; the configured base URL ends with it (`…/v1`). */
export function api(): ApiClient {
  if (!client) {
    const base = config().apiBaseUrl.replace(/\/v1\/?$/, "");
    client = createClient<paths>({ baseUrl: base || window.location.origin });
    client.use(bearer);
  }
  return client;
}

/** The envelope's message, or a plain Chinese one when the network itself failed. */
export function messageOf(error: unknown): string {
  const envelope = error as { error?: ApiError } | undefined;
  return envelope?.error?.message ?? "网络异常，请稍后重试";
}

/** Field errors of a 4xx envelope, by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const details = (error as { error?: ApiError } | undefined)?.error?.details ?? [];
  return Object.fromEntries(details.map((d) => [d.field, d.message]));
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
