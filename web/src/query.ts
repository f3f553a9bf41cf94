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

/** The position filters (学历要求, 行业, 关键词, 排序), shared by 见习岗位查询 and 见习岗位录入及维护. */
export interface Filters {
  education: string;
  industry: string;
  keyword: string;
  sort: string;
}

export function filtersOf(query: LocationQuery): Filters {
  return {
    education: text(query, "education"),
    industry: text(query, "industry"),
    keyword: text(query, "keyword"),
    sort: text(query, "sort"),
  };
}
