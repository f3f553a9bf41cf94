// 适老化: 大字模式 and 高对比度, remembered per browser (localStorage) and applied as classes on <html>.
import { ref, watch } from "vue";

const KEYS = { largeText: "prefs.largeText", highContrast: "prefs.highContrast" } as const;

function stored(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === "1";
  } catch {
    return false; // storage refused (private mode): the switch still works for this page
  }
}

export const largeText = ref(stored(KEYS.largeText));
export const highContrast = ref(stored(KEYS.highContrast));

function remember(key: string, on: boolean): void {
  try {
    window.localStorage.setItem(key, on ? "1" : "0");
  } catch {
    /* not remembered, still applied */
  }
}

export function applyPreferences(): void {
  const root = document.documentElement;
  root.classList.toggle("large-text", largeText.value);
  root.classList.toggle("high-contrast", highContrast.value);
}

watch(largeText, (on) => {
  remember(KEYS.largeText, on);
  applyPreferences();
});
watch(highContrast, (on) => {
  remember(KEYS.highContrast, on);
  applyPreferences();
});
