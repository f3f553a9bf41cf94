// An agency list (审核办件, 补贴审核): the list reloaded as filters change, a newer filter winning over an older
// answer that arrives late (the 县区 choices are components/CountySelect.vue's).
import { onMounted, ref, shallowRef, watch } from "vue";
import { messageOf, type Schemas } from "./api/client";

type Listing<T> = { data?: { items: T[] }; error?: unknown };
type Query = { status?: string; month?: string; county?: Schemas["LocalityCode"]; limit: number };

/** `status` starts at `initial`; `month` and `county` at 全部. Only the chosen filters reach the API. */
export function useStaffQueue<T>(initial: string, fetchList: (query: Query) => Promise<Listing<T>>) {
  const status = ref(initial);
  const month = ref("");
  const county = ref("");
  const items = shallowRef<T[]>([]);
  const error = ref("");
  const loaded = ref(false);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    const { data, error: problem } = await fetchList({
      ...(status.value ? { status: status.value } : {}),
      ...(month.value ? { month: month.value } : {}),
      ...(county.value ? { county: county.value as Schemas["LocalityCode"] } : {}),
      limit: 50,
    });
    if (mine !== generation) return;
    items.value = data?.items ?? [];
    error.value = data ? "" : messageOf(problem);
    loaded.value = true;
  }

  onMounted(load);
  watch([status, month, county], load);

  return { status, month, county, items, error, loaded };
}
