// TEMPORARY: issue 21's routes as its text names them, until branch `subsidies` serves them and `make web-schema`
// writes them into schema.d.ts. Deleted then; vue-tsc names every place the real document differs.
import type { components } from "./schema";

type Err = components["responses"]["BadRequest"];
type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type PathOf<P> = [P] extends [never] ? { path?: never } : { path: P };
type Op<Q, P, B, R> = {
  parameters: { query?: Q; header?: { "Idempotency-Key"?: string }; cookie?: never } & PathOf<P>;
  requestBody: B extends never ? never : { content: { "application/json": B } };
  responses: { 200: Json<R>; 201: Json<R>; 202: Json<R>; 400: Err; 404: Err; 409: Err; 422: Err; 429: Err };
};
type Get<Q, P, R> = {
  parameters: { query?: Q; header?: never; cookie?: never } & PathOf<P>;
  requestBody?: never;
  responses: { 200: Json<R>; 400: Err; 404: Err };
};
type Page<T> = { items: T[]; next_cursor: string | null };
type Claim = { claim_id: string };
type Paged = { limit?: number; cursor?: string };

type ClaimStatus = "submitted" | "publicised" | "rejected" | "paid";
type Attendance = {
  placement_id: string;
  month: string;
  days_due: number;
  days_present: number;
  note: string;
  working_days: number;
  locked: boolean;
  claim_id: string | null;
  updated_at: string;
  rate_yuan: string | null;
  amount_yuan: string | null;
};
type AttendanceList = { placement_id: string; trainee_name: string; start_date: string | null; end_date: string | null; items: Attendance[] };
type ClaimLine = {
  kind: string;
  placement_id: string;
  trainee_name: string;
  trainee_id_number: string;
  month: string | null;
  rate_yuan: string | null;
  days_due: number | null;
  days_present: number | null;
  premium_yuan: string | null;
  policy_no: string | null;
  amount_yuan: string;
};
type Bank = { account_name: string; bank_name: string; account_no: string };
type SubsidyClaim = {
  claim_id: string;
  status: ClaimStatus;
  status_label: string;
  credit_code: string;
  org_name: string;
  county_code: string;
  months: string[];
  lines: ClaimLine[];
  total_yuan: string;
  bank: Bank;
  submitted_at: string;
  publicity_start: string | null;
  publicity_end: string | null;
  open_objections: number;
  voucher_no: string | null;
  paid_on: string | null;
  history: { status: ClaimStatus; at: string; actor: string; comment: string | null }[];
};
type ClaimSummary = {
  claim_id: string;
  status: ClaimStatus;
  status_label: string;
  org_name: string;
  county_code: string;
  months: string[];
  trainees: number;
  total_yuan: string;
  submitted_at: string;
  publicity_start: string | null;
  publicity_end: string | null;
};
type Objection = {
  objection_id: string;
  name: string;
  phone: string;
  text: string;
  status: string;
  status_label: string;
  created_at: string;
  note: string | null;
  resolved_at: string | null;
};
type NoticeSummary = {
  notice_id: string;
  title: string;
  org_name: string;
  county_code: string;
  county_name: string;
  total_yuan: string;
  publicity_start: string;
  publicity_end: string;
  current: boolean;
};
type NoticeLine = { trainee_name: string; trainee_id_number: string; kind: string; month: string | null; amount_yuan: string };
type Notice = NoticeSummary & { months: string[]; lines: NoticeLine[]; objections_to: string };
type ClaimBody = {
  months: string[];
  placement_ids: string[];
  insurance: { placement_id: string; premium_yuan: string; policy_no: string }[];
  bank: Bank;
};
type Placement = {
  placement_id: string;
  status: string;
  status_label: string;
  position: { title: string };
  trainee: { name: string };
  terms: { start_date: string; end_date: string } | null;
  confirmed_at: string | null;
};

declare module "./schema" {
  interface paths {
    "/v1/unit/placements": { get: Get<{ status?: string } & Paged, never, Page<Placement>> };
    "/v1/unit/placements/{placement_id}/attendance": { get: Get<never, { placement_id: string }, AttendanceList> };
    "/v1/unit/placements/{placement_id}/attendance/{month}": {
      put: Op<never, { placement_id: string; month: string }, { days_due: number; days_present: number; note: string }, Attendance>;
    };
    "/v1/unit/subsidy-claims": {
      get: Get<{ status?: ClaimStatus } & Paged, never, Page<ClaimSummary>>;
      post: Op<never, never, ClaimBody, SubsidyClaim>;
    };
    "/v1/unit/subsidy-claims/{claim_id}": { get: Get<never, Claim, SubsidyClaim> };
    "/v1/admin/subsidy-claims": { get: Get<{ status?: ClaimStatus; county?: string; month?: string } & Paged, never, Page<ClaimSummary>> };
    "/v1/admin/subsidy-claims/{claim_id}": { get: Get<never, Claim, SubsidyClaim> };
    "/v1/admin/subsidy-claims/{claim_id}/approve": { post: Op<never, Claim, { comment?: string }, SubsidyClaim> };
    "/v1/admin/subsidy-claims/{claim_id}/reject": { post: Op<never, Claim, { reason: string }, SubsidyClaim> };
    "/v1/admin/subsidy-claims/{claim_id}/disburse": { post: Op<never, Claim, { voucher_no: string; paid_on: string }, SubsidyClaim> };
    "/v1/admin/subsidy-claims/{claim_id}/objections": { get: Get<never, Claim, { items: Objection[] }> };
    "/v1/admin/subsidy-claims/{claim_id}/objections/{objection_id}/resolve": {
      post: Op<never, Claim & { objection_id: string }, { upheld: boolean; note: string }, Objection>;
    };
    "/v1/admin/subsidy-claims/{claim_id}/table.xlsx": { get: Get<never, Claim, Blob> };
    "/v1/admin/exports": {
      post: Op<never, never, { kind: "roster"; county?: string | null; date_from: string; date_to: string }, { export_id: string; status: "pending" }>;
    };
    "/v1/admin/exports/{export_id}": {
      get: Get<never, { export_id: string }, { export_id: string; status: "pending" | "ready" | "failed"; rows: number | null; download_url: string | null }>;
    };
    "/v1/public/notices": { get: Get<{ city?: string; county?: string } & Paged, never, Page<NoticeSummary>> };
    "/v1/public/notices/{notice_id}": { get: Get<never, { notice_id: string }, Notice> };
    "/v1/public/notices/{notice_id}/objections": {
      post: Op<never, { notice_id: string }, { name: string; phone: string; text: string }, { objection_id: string; status: string; created_at: string }>;
    };
  }
}
