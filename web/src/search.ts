// Paged position search shared by 见习岗位查询 and 见习岗位录入及维护: the first page replaces, 加载更多 appends.
import { ref } from "vue";
import { messageOf, type Schemas } from "./api/client";

type Page = { data?: Schemas["PositionPage"]; error?: unknown };

export function usePagedPositions(fetchPage: (cursor?: string) => Promise<Page>) {
  const items = ref<Schemas["PositionSummary"][]>([]);
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref("");
  const failure = ref<unknown>(null);
  let generation = 0;

  async function load(append: boolean): Promise<void> {
    const mine = ++generation; // a newer query wins over an older answer arriving late
    loading.value = true;
    error.value = "";
    const { data, error: problem } = await fetchPage(append ? (cursor.value ?? undefined) : undefined).catch(
      (e: unknown) => ({ data: undefined, error: e }) as Page,
    );
    if (mine !== generation) return;
    loading.value = false;
    failure.value = problem ?? null;
    if (!data) {
      error.value = messageOf(problem);
      if (!append) items.value = [];
      return;
    }
    items.value = append ? [...items.value, ...data.items] : data.items;
    cursor.value = data.next_cursor ?? null;
  }

  return { items, cursor, loading, error, failure, first: () => load(false), more: () => load(true) };
}
