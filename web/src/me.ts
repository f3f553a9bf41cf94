// The signed-in person as the API knows them (GET /v1/me): name, masked ID number, roles, trainee status.
import { ref, watch } from "vue";
import { api, type Schemas } from "./api/client";
import { user } from "./auth";

export const me = ref<Schemas["Me"] | null>(null);

export async function loadMe(): Promise<Schemas["Me"] | null> {
  if (!user.value) {
    me.value = null;
    return null;
  }
  const { data } = await api().GET("/v1/me");
  me.value = data ?? null;
  return me.value;
}

export function hasRole(role: string): boolean {
  return me.value?.roles.includes(role) ?? false;
}

watch(user, () => void loadMe());
