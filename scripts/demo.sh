#!/usr/bin/env bash
# Installs what is missing, builds, and starts a fleet server and a kiosk with the demo content.
# Extra arguments go to `newsboard demo` (e.g. --shell none, --data-dir D).
source "$(dirname "$0")/lib.sh"
ensure_npm_packages
ensure_debian_packages chromium fonts-noto-cjk || say "demo: continuing without a system Chromium; open the renderer URL in a browser"
ensure_built
exec node bin/newsboard.js demo "$@"
