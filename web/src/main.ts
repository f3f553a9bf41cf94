import { createApp } from "vue";
import App from "./App.vue";
import { loadConfig } from "./config";
import { restoreUser } from "./auth";
import { applyPreferences } from "./prefs";
import { router } from "./router";
import "./styles.css";

applyPreferences();
await loadConfig();
await restoreUser();
createApp(App).use(router).mount("#app");
