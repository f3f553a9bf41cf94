// TEMPORARY: the unit's placement list (issue 20, branch placements) as far as 考勤填报 and 补贴申领 read it, until
// that branch serves it and `make web-schema` writes it into schema.d.ts. Deleted then.
import type { components } from "./schema";

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
    "/v1/unit/placements": {
      get: {
        parameters: { query?: { status?: string; limit?: number; cursor?: string }; header?: never; path?: never; cookie?: never };
        requestBody?: never;
        responses: {
          200: { headers: { [name: string]: unknown }; content: { "application/json": { items: Placement[]; next_cursor: string | null } } };
          400: components["responses"]["BadRequest"];
        };
      };
    };
  }
}
