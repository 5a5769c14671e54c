#!/usr/bin/env bash
# Install everything Herald's tests need on a fresh Debian machine (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
# From the npm registry: the Nu HTML Checker (runs on the machine's Java) and Netlify's own _headers parser
# (tests/outputs/test_host_headers.py). One install for both: npm drops packages it was not asked for.
tools="$HOME/.cache/herald-tools"
if [ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ] || \
   [ ! -f "$tools/node_modules/@netlify/headers-parser/lib/index.js" ]; then
  command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
  npm install --no-save --no-audit --no-fund --silent --prefix "$tools" vnu-jar@26.9.27 @netlify/headers-parser@10.1.1
fi
