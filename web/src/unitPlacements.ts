// 单位网厅's placements (issue 20): the list 应聘管理 and 在岗见习人员 both read.
import { onMounted, ref, watch, type Ref } from "vue";
import { api, type Schemas } from "./api/client";
import { savePdf, useLatest } from "./placements";

/**
 * The unit's placements for a status and a position (GET /v1/unit/placements), reloaded when either changes;
 * `positions`: the positions the unit has placements at (newest first), the 见习岗位 filter's choices.
 */
export function useUnitPlacements(status: Ref<string>, position: Ref<string>) {
  const list = useLatest<Schemas["Placement"]>();
  const positions = ref<Record<string, string>>({});
  function load(): Promise<void> {
    const query = {
      ...(status.value ? { status: status.value as Schemas["PlacementStatus"] } : {}),
      ...(position.value ? { position_id: position.value } : {}),
    };
    return list.load(() => api().GET("/v1/unit/placements", { params: { query: { ...query, limit: 50 } } }));
  }
  async function choices(): Promise<void> {
    const { data } = await api().GET("/v1/unit/placements", { params: { query: { limit: 50 } } });
    positions.value = Object.fromEntries((data?.items ?? []).map((p) => [p.position.position_id, p.position.title]));
  }
  onMounted(() => Promise.all([load(), choices()]));
  watch([status, position], load);
  return { ...list, positions, load };
}

/** The 就业见习协议书 of one of the unit's placements, saved as a download; the envelope's message if refused. */
export function saveUnitAgreement(item: Schemas["Placement"]): Promise<string> {
  const request = { params: { path: { placement_id: item.placement_id } }, parseAs: "blob" as const, headers: { Accept: "application/pdf" } };
  return savePdf(api().GET("/v1/unit/placements/{placement_id}/agreement.pdf", request), `就业见习协议书-${item.trainee.name}.pdf`);
}
