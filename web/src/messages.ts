// 消息中心: where each message's `link` (the API path of what it is about) opens in this client.
const PAGES: [RegExp, (id: string) => string][] = [
  [/^\/v1\/applications\/([^/]+)$/, (id) => `/center/cases/${id}`],
  [/^\/v1\/positions\/([^/]+)$/, (id) => `/positions/${id}`],
  [/^\/v1\/placements\/([^/]+)$/, (id) => `/trainee/placements/${id}`],
  [/^\/v1\/unit\/placements\/([^/]+)$/, (id) => `/unit/placements/${id}`],
  [/^\/v1\/unit\/positions\/([^/]+)$/, (id) => `/unit/positions/${id}`],
  [/^\/v1\/unit\/subsidy-claims\/([^/]+)$/, (id) => `/unit/subsidies/${id}`],
  [/^\/v1\/admin\/ratings\/([^/]+)$/, () => "/staff/ratings"],
];
const FIXED: Record<string, string> = { "/v1/unit": "/unit", "/v1/saved-searches": "/search" };

/** The client's page for a message's link, or null when the client has none (the message then stands alone). */
export function pageOf(link: string): string | null {
  if (link in FIXED) return FIXED[link] ?? null;
  for (const [pattern, page] of PAGES) {
    const found = pattern.exec(link);
    if (found?.[1]) return page(decodeURIComponent(found[1]));
  }
  return null;
}
