"""How the browser tests and the bench start Debian's Chromium (Playwright's own browser download cannot work
here): one declaration for both."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# --disable-background-networking and friends: the machine has no network, and Chromium's own connections would
# otherwise be refused many at a time. --lang: the browser's own words (a file input's 选择文件) in Chinese, as a
# citizen's browser shows them.
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=zh-CN",
]
