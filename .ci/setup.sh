#!/usr/bin/env bash
# Install everything Herald's tests need on a fresh Debian machine (idempotent).
# Debian packages come from apt-get: as root directly, otherwise through sudo (which then asks for a password).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo --preserve-env=DEBIAN_FRONTEND)
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
ldconfig -p 2>/dev/null | grep 'libcairo\.so\.2' >/dev/null || need_apt+=(libcairo2)  # CairoSVG renders the badges in a test
command -v shellcheck >/dev/null 2>&1 || need_apt+=(shellcheck)  # actionlint checks the workflows' scripts with it
command -v gpg >/dev/null 2>&1 && command -v gpgconf >/dev/null 2>&1 || need_apt+=(gnupg)  # signed updates
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)  # runs /verify/'s script beside the Python checker
if [ ${#need_apt[@]} -gt 0 ]; then
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
# From the npm registry: the Nu HTML Checker (runs on the machine's Java) and Netlify's own _headers parser
# (tests/outputs/test_host_headers.py), and X's own twitter-text (tests/outputs/test_announcement_texts.py). One install for all: npm drops packages it was not asked for.
tools="$HOME/.cache/herald-tools"
if [ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ] || \
   [ ! -f "$tools/node_modules/@netlify/headers-parser/lib/index.js" ] || \
   [ ! -f "$tools/node_modules/twitter-text/package.json" ]; then
  command -v npm >/dev/null 2>&1 || { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq nodejs npm >/dev/null; }
  npm install --no-save --no-audit --no-fund --silent --prefix "$tools" vnu-jar@26.9.27 @netlify/headers-parser@10.1.1 twitter-text@3.1.0
fi
# The web editor (Decap CMS) and its local git proxy, in a folder of their own: builds copy decap-cms's dist/ into
# admin/vendor/ (about 6 MB, so not kept in git), and tests/browser/test_editor.py runs decap-server on loopback.
if [ ! -f "$tools/decap/node_modules/decap-cms/dist/decap-cms.js" ] || \
   [ ! -f "$tools/decap/node_modules/decap-server/dist/index.js" ]; then
  command -v npm >/dev/null 2>&1 || { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq nodejs npm >/dev/null; }
  mkdir -p "$tools/decap"
  npm install --no-save --no-audit --no-fund --silent --prefix "$tools/decap" decap-cms@3.16.3 decap-server@3.11.3
fi
# Zensical, the successor of Material for MkDocs, in a folder of its own (its dependencies are not Herald's):
# tests/browser/test_export_builders.py builds `herald export` with it. 0.0.73 is the newest that installs from
# the package index (0.0.74 and 0.1.x need a zensical-ui release that is not published).
if [ ! -x "$tools/zensical/bin/zensical" ]; then
  python3 -m venv "$tools/zensical"
  "$tools/zensical/bin/pip" install -q --disable-pip-version-check zensical==0.0.73
fi
