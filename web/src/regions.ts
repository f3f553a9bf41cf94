// The province's cities and their county-level entries (市本级 first), as GET /v1/regions serves them; read once.
import { api, type Schemas } from "./api/client";

let regions: Promise<Schemas["Regions"]> | undefined;

export function loadRegions(): Promise<Schemas["Regions"]> {
  regions ??= api()
    .GET("/v1/regions")
    .then(({ data }) => {
      if (!data) throw new Error("regions");
      return data;
    });
  return regions;
}

export type City = Schemas["RegionCity"];

/** The county-level entries a staff region covers: a county itself, a city's whole list, or the province's. */
export function localitiesIn(all: Schemas["Regions"], region: string): { code: string; name: string }[] {
  const entries = all.cities.flatMap((city) =>
    city.counties.map((c) => ({ code: c.code, name: `${city.name}${c.name}`, city: city.code })),
  );
  if (region === all.province.code) return entries;
  if (all.cities.some((c) => c.code === region)) return entries.filter((e) => e.city === region);
  return entries.filter((e) => e.code === region);
}
