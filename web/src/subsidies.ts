// 就业见习补贴 screens share these: the answers' types named by their routes (so a page follows the served
// document whatever its schemas are called), amounts in yuan as the API sends them, and the months of a period.
import { ref, type Ref } from "vue";
import type { paths } from "./api/schema";
import { loadRegions, localitiesIn } from "./regions";

type Json<R> = R extends { content: { "application/json": infer T } } ? T : never;
type Success<R> = R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : never;

/** The JSON answer of a route's success, e.g. `Answer<"/v1/public/notices/{notice_id}", "get">`. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? Success<R>
  : never;

export type Claim = Answer<"/v1/admin/subsidy-claims/{claim_id}", "get">;
export type ClaimLine = Claim["lines"][number];

/** 1290 → "1,290.00 元": two decimals always, so a prorated line and a whole month read alike. */
export function yuan(amount: string | number): string {
  const value = Number(amount);
  return `${value.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}

/** "2025-03-01" → "2025年3月1日": dates the way a notice on paper writes them. */
export function day(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** "2025-03" → "2025年3月". */
export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${y}年${m}月`;
}

/** Today in China time, as the API counts days (`YYYY-MM-DD`). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The months from `start` (a date) to `end` (a date) that have begun by today in China, oldest first. */
export function monthsOf(start: string, end: string): string[] {
  const last = [end.slice(0, 7), chinaToday().slice(0, 7)].sort()[0] ?? "";
  const months: string[] = [];
  let [y, m] = start.split("-").map(Number) as [number, number];
  for (let month = start.slice(0, 7); month <= last; month = `${y}-${String(m).padStart(2, "0")}`) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** A month's amount as the rule prorates it: rate × present ÷ due, to the fen, half up (integers, no float drift). */
export function prorated(rateYuan: string, due: number, present: number): string {
  const [whole = "0", part = ""] = rateYuan.split(".");
  const rateFen = Number(whole) * 100 + Number(part.padEnd(2, "0").slice(0, 2));
  const fen = due > 0 ? Math.floor((2 * rateFen * present + due) / (2 * due)) : 0;
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

/** The sum of amounts in yuan, to the fen. */
export function sum(amounts: string[]): string {
  const fen = amounts.reduce((total, a) => total + Math.round(Number(a) * 100), 0);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

// TEMPORARY until the served document's labels are generated (labels.ts): the claim's states in the contract.
export const ClaimStatusChoices = { submitted: "待审核", publicised: "公示中", rejected: "审核不通过", paid: "已拨付" } as const;

export type UnitPlacement = Answer<"/v1/unit/placements", "get">["items"][number];

/** The unit's trainees that can have 考勤 and claims: confirmed by 上岗报备 (in progress, completed or ended). */
export function confirmed(items: UnitPlacement[]): UnitPlacement[] {
  return items.filter((p) => p.confirmed_at !== null && ["in_progress", "completed", "ended"].includes(p.status));
}

/** County-level names by code (太原市小店区), for answers that carry only `county_code`; filled once regions load. */
export function useCountyNames(): Ref<Record<string, string>> {
  const names = ref<Record<string, string>>({});
  void loadRegions()
    .then((all) => {
      names.value = Object.fromEntries(localitiesIn(all, all.province.code).map((c) => [c.code, c.name]));
    })
    .catch(() => undefined); // without regions the code itself is shown
  return names;
}
