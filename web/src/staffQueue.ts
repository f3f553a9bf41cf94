// An agency list (审核办件, 补贴审核): the counties of the staff member's region for its filter, and the list
// reloaded as filters change, a newer filter winning over an older answer that arrives late.
import { onMounted, ref, shallowRef } from "vue";
import { messageOf } from "./api/client";
import { loadMe } from "./me";
import { loadRegions, localitiesIn } from "./regions";

type Listing<T> = { data?: { items: T[] }; error?: unknown };

export function useStaffQueue<T>(fetchList: () => Promise<Listing<T>>) {
  const items = shallowRef<T[]>([]);
  const counties = ref<{ code: string; name: string }[]>([]);
  const error = ref("");
  const loaded = ref(false);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    const { data, error: problem } = await fetchList();
    if (mine !== generation) return;
    items.value = data?.items ?? [];
    error.value = data ? "" : messageOf(problem);
    loaded.value = true;
  }

  onMounted(async () => {
    const [person, regions] = await Promise.all([loadMe(), loadRegions()]);
    counties.value = person?.region ? localitiesIn(regions, person.region) : [];
    await load();
  });

  return { items, counties, error, loaded, load };
}
