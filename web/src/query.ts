// The search lives in the URL (shareable, reloadable, and what 返回 comes back to).
import type { LocationQuery } from "vue-router";

export function text(query: LocationQuery, key: string): string {
  const value = query[key];
  return typeof value === "string" ? value : "";
}

/** Only the filled-in keys, so the URL stays short and the API gets no empty parameter. */
export function compact(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
}
