// 就业见习 placements (issue 20): what the trainee's, the unit's and the agency's screens share.
import { onMounted, ref, type Ref } from "vue";
import { fieldErrors, messageOf, type Schemas } from "./api/client";
import { saveBlob } from "./download";

/** What a step answered, for the screen's one status line: the API's own label, or its Chinese message. */
export type Outcome = { ok: boolean; text: string };

type Answer<T> = { data?: T; error?: unknown; response?: Response };

/** The statuses whose 就业见习协议书 both parties may read: from the offer on (the API's AGREEMENT_SHOWN). */
const AGREEMENT_SHOWN: readonly Schemas["PlacementStatus"][] = ["offered", "agreed", "in_progress", "completed", "ended"];

export function agreementShown(status: Schemas["PlacementStatus"]): boolean {
  return AGREEMENT_SHOWN.includes(status);
}

/** A placement whose period is over (见习期满 or 提前结束): its trainee and its unit may rate it (好差评). */
export function finished(status: Schemas["PlacementStatus"]): boolean {
  return status === "completed" || status === "ended";
}

/** Who took a step of a placement's history, in the screens' words. */
export const PLACEMENT_ACTORS = { trainee: "见习人员", unit: "见习单位", reviewer: "经办人员", system: "系统" } as const;

/** Today in China Standard Time (YYYY-MM-DD), as the API counts days: an offer may not start before it. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** One thing read when the page opens, and again after a step: the answer, or the envelope's message. */
export function useRead<T>(call: () => Promise<Answer<T>>) {
  const item = ref<T | null>(null) as Ref<T | null>;
  const error = ref("");
  async function load(): Promise<void> {
    const { data, error: problem } = await call().catch((e: unknown) => ({ data: undefined, error: e }) as Answer<T>);
    item.value = data ?? null;
    error.value = data ? "" : messageOf(problem);
  }
  onMounted(load);
  return { item, error, load };
}

/** A PDF the API answered (协议书, 见习证明), saved as a download; the envelope's message when it refused. */
export async function savePdf(call: Promise<Answer<Blob>>, filename: string): Promise<string> {
  const { data, error } = await call.catch((e: unknown) => ({ data: undefined, error: e }) as Answer<Blob>);
  if (data) {
    saveBlob(data, filename);
    return "";
  }
  return messageOf(error);
}

/**
 * One step at a time (a double click is one request): `busy` while it runs, then its outcome. `done` names what
 * happened from the answer; a failure shows the envelope's message.
 */
export function useStep() {
  const busy = ref(false);
  const outcome = ref<Outcome | null>(null);
  const failure = ref<unknown>(null); // the envelope of the last refusal, for its field details
  async function run<T>(call: () => Promise<Answer<T>>, done: (data: T) => string): Promise<T | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    outcome.value = null;
    const { data, error } = await call().catch((e: unknown) => ({ data: undefined, error: e }) as Answer<T>);
    busy.value = false;
    failure.value = data !== undefined ? null : error;
    outcome.value = data !== undefined ? { ok: true, text: done(data) } : { ok: false, text: messageOf(error) };
    return data;
  }
  return { busy, outcome, failure, run };
}

/** A filtered list (应聘管理, 在岗见习人员, 意向人员, 上岗报备): a newer filter wins over an older answer arriving late. */
export function useLatest<T>() {
  const items = ref<T[]>([]) as Ref<T[]>;
  const error = ref("");
  const loaded = ref(false);
  let generation = 0;
  async function load(call: () => Promise<Answer<{ items: T[] }>>): Promise<void> {
    const mine = ++generation;
    const { data, error: problem } = await call().catch((e: unknown) => ({ data: undefined, error: e }) as Answer<{ items: T[] }>);
    if (mine !== generation) return;
    items.value = data?.items ?? [];
    error.value = data ? "" : messageOf(problem);
    loaded.value = true;
  }
  return { items, error, loaded, load };
}

type Dialog = { open: () => void; close: () => void } | null | undefined;

/**
 * The unit's forms in dialogs (录用, 不录用, 结束见习, 考核, 留用): the placement chosen, the client's checks beside
 * their fields, the API's refusal inside the dialog, the outcome on the page and the list reloaded after a step.
 */
export function usePlacementForms<T extends { placement_id: string; trainee: { name: string } }>(reload: () => Promise<void>) {
  const step = useStep();
  const chosen = ref<T | null>(null) as Ref<T | null>;
  const errors = ref<Record<string, string>>({});
  const problem = ref("");

  function open(item: T, dialog: Dialog): void {
    chosen.value = item;
    errors.value = {};
    problem.value = "";
    dialog?.open();
  }

  async function submit(dialog: Dialog, found: Record<string, string>, send: (id: string) => Promise<Answer<{ status_label: string }>>): Promise<void> {
    const item = chosen.value;
    errors.value = found;
    problem.value = "";
    if (!item || Object.keys(found).length) return;
    const done = await step.run(() => send(item.placement_id), (answer) => `${item.trainee.name}：${answer.status_label}`);
    if (!done) {
      errors.value = fieldErrors(step.failure.value); // e.g. the county's minimum wage, beside the allowance
      problem.value = step.outcome.value?.text ?? "";
      step.outcome.value = null;
      return;
    }
    dialog?.close();
    await reload();
  }

  return { ...step, chosen, errors, problem, open, submit };
}

