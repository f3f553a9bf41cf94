import { createApp } from "vue";
import App from "./App.vue";
import { loadConfig } from "./config";
import { restoreUser } from "./auth";
import { applyPreferences } from "./prefs";
import { router } from "./router";
import "./styles.css";

// index.html's header line is painted before the app replaces it in place: the first screen's largest text is
// on the phone before the scripts and the settings are, however fast they come. (A tab in the background
// draws no frames, hence the timeout.)
function painted(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
}

applyPreferences();
await Promise.all([loadConfig().then(restoreUser), painted()]);
createApp(App).use(router).mount("#app");
