import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

// `make web`: Vite's dev server with hot reload. The API (and the local issuer) run under `make dev`; the dev
// server proxies /v1 to the API so the browser stays on one origin, and answers /config.json for that origin.
const apiPort = process.env.API_PORT ?? "8000";
const issuerPort = process.env.ISSUER_PORT ?? "8090";

export default defineConfig({
  plugins: [
    vue(),
    {
      name: "dev-config-json",
      configureServer(server) {
        server.middlewares.use("/config.json", (_req, res) => {
          res.setHeader("Content-Type", "application/json");
          res.end(
            JSON.stringify({
              apiBaseUrl: "/v1",
              issuer: `http://127.0.0.1:${issuerPort}`,
              clientId: "shanxi-internship-web",
            }),
          );
        });
      },
    },
  ],
  server: {
    host: "127.0.0.1",
    port: Number(process.env.WEB_DEV_PORT ?? "5173"),
    proxy: { "/v1": `http://127.0.0.1:${apiPort}` },
  },
  build: { target: "es2022", sourcemap: false },
});
