# Shared set-up for scripts/demo.sh and scripts/test.sh: idempotent, installs only what is missing.
# shellcheck shell=bash
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

say() { printf '%s\n' "$*" >&2; }

ensure_npm_packages() {
  if ! command -v npm >/dev/null 2>&1; then
    say "setup: npm is missing; install Node.js 20 or newer with npm (it then installs the project's Node 24)"
    exit 1
  fi
  # npm ci is skipped when node_modules already matches the lockfile.
  local want have=""
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  [ -f node_modules/.newsboard-lock ] && have=$(cat node_modules/.newsboard-lock)
  if [ "$want" != "$have" ] || [ ! -x node_modules/.bin/node ]; then
    say "setup: installing npm packages (npm ci)"
    npm ci --no-fund --no-audit --loglevel=error
    echo "$want" > node_modules/.newsboard-lock
  fi
  # The project's pinned Node 24 (the node@24 devDependency) comes first for everything below.
  export PATH="$repo_root/node_modules/.bin:$PATH"
}

# Debian packages, installed when missing and we are root; otherwise a message naming them.
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "setup: missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
    return 1
  fi
}

ensure_built() {
  say "setup: building"
  node scripts/build.ts
}
