// The 单位网厅's shared rules (issue 19): the checks a unit's forms make before sending, from the API's contract,
// so a citizen hears about an empty field at once; the API checks again and its messages win.
import { api, messageOf, type Schemas } from "./api/client";

export type UnitRecognitionForm = {
  org_name: string;
  county_code: string;
  address: string;
  industry: string;
  insured_staff: number | string;
  contact_name: string;
  contact_phone: string;
  description: string;
};

const REQUIRED: [keyof UnitRecognitionForm, string][] = [
  ["org_name", "请填写单位名称"],
  ["county_code", "请选择业务办理属地"],
  ["address", "请填写单位地址"],
  ["industry", "请选择所属行业"],
  ["contact_name", "请填写联系人"],
  ["contact_phone", "请填写联系电话"],
  ["description", "请填写单位简介"],
];

/** Field → message for what the contract refuses outright; empty when the form may be sent. */
export function recognitionProblems(form: UnitRecognitionForm, licenceUploaded: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [field, message] of REQUIRED) if (!String(form[field]).trim()) problems[field] = message;
  const staff = Number(form.insured_staff);
  if (!Number.isInteger(staff) || staff < 1) problems.insured_staff = "参保职工人数应为不小于1的整数";
  if (form.contact_phone && !/^1\d{10}$/.test(form.contact_phone)) problems.contact_phone = "请输入11位手机号码";
  if (!licenceUploaded) problems.attachments = "请上传营业执照";
  return problems;
}

/** GET /v1/unit: the signed-in unit's status and quota, or the envelope's message. */
export async function loadUnit(): Promise<{ unit: Schemas["Unit"] | null; error: string }> {
  const { data, error } = await api()
    .GET("/v1/unit", { cache: "no-store" })
    .catch(() => ({ data: undefined, error: undefined })); // the network failed: messageOf says so
  return { unit: data ?? null, error: data ? "" : messageOf(error) };
}

// The API publishes these statuses' words in their descriptions but not as `x-enum-labels`, so labels.ts has
// none: the words of chalicelib/domain/positions.py and units.py (issue 19), until the document carries them.
export const POSITION_STATUS_LABELS: Record<Schemas["PositionStatus"], string> = {
  pending_review: "待审核",
  open: "招聘中",
  rejected: "审核不通过",
  closed: "已停止",
};
export const RECOGNITION_STATUS_LABELS = {
  pending: "未审核",
  recognised: "已认定",
  rejected: "审核不通过",
  withdrawn: "已撤回",
  revoked: "已撤销",
} as const;

/** A reviewer's decision on a unit or a unit's position (components/DecisionForm.vue). */
export type Decision = "approve" | "reject" | "revoke";
