// Paged lists (见习岗位查询, 见习岗位录入及维护, 公示公告): the first page replaces, 加载更多 appends.
import { ref, shallowRef } from "vue";
import { messageOf, type Schemas } from "./api/client";

type Page<T> = { data?: { items: T[]; next_cursor?: string | null }; error?: unknown };

export function usePagedPositions(fetchPage: (cursor?: string) => Promise<Page<Schemas["PositionSummary"]>>) {
  return usePaged(fetchPage);
}

export function usePaged<T>(fetchPage: (cursor?: string) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
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
      (e: unknown) => ({ data: undefined, error: e }) as Page<T>,
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
