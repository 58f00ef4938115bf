#!/usr/bin/env bash
# Vendors the browser libraries listed in tools/frontend/versions.txt into
# src/KeyProjects.Web/wwwroot/lib/<short-name>/.
#
# Dev-time tool only: it needs node/npm, the .NET build does not. The output
# is committed to git, so the app is built and served from the committed files.
#
# For each "name@exact-version" line it runs `npm pack` in a temp folder,
# unpacks the tarball and copies ONLY the built files the browser needs plus
# the package's license file(s). Everything is staged first; the old lib/<short>
# folders are deleted and replaced only after every package succeeded, so a
# failed run (network, missing file) leaves the committed tree untouched.
# Reruns with the same versions.txt produce a byte-identical tree.
# Arguments, if any, name the packages to vendor again (e.g. `fetch.sh @tabler/icons`); the others stay.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
VERSIONS_FILE="$SCRIPT_DIR/versions.txt"
LIB_DIR="$REPO_ROOT/src/KeyProjects.Web/wwwroot/lib"

command -v npm >/dev/null || { echo "error: npm not found on PATH" >&2; exit 1; }
[[ -f "$VERSIONS_FILE" ]] || { echo "error: $VERSIONS_FILE not found" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/kp-frontend.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/stage"
mkdir -p "$STAGE"

die() { echo "error: $*" >&2; exit 1; }

# put <file-in-package> [<dest-path-relative-to-lib-folder>]
# Copies one file from the unpacked package into the staged lib folder (mode 0644).
put() {
  local src="$PKG/$1" dest="$OUT/${2:-$(basename "$1")}"
  [[ -f "$src" ]] || die "$SPEC: expected file '$1' not found in package"
  install -m 0644 -D "$src" "$dest"
}

# Copies the license file(s) shipped in the package root (LICENSE, LICENSE.md,
# license.txt, ...) under their original names. Fails if there is none.
put_license() {
  local found=0 f
  while IFS= read -r f; do
    put "$(basename "$f")"
    found=1
  done < <(find "$PKG" -maxdepth 1 -type f \( -iname 'licen[cs]e' -o -iname 'licen[cs]e.*' \) | LC_ALL=C sort)
  [[ $found == 1 ]] || die "$SPEC: no LICENSE file in package"
}

# Every url(...) in the vendored CSS must be a data: URI or a relative path that
# exists next to the CSS file, so the browser never requests a missing file.
check_css_urls() {
  local css url path
  while IFS= read -r css; do
    while IFS= read -r url; do
      url="${url#url(}"; url="${url%)}"
      url="${url#[\"\']}"; url="${url%[\"\']}"
      case "$url" in
        data:*|'#'*|'') continue ;;
        http:*|https:*|//*) die "$css references external URL $url" ;;
      esac
      path="${url%%[?#]*}"
      [[ -f "$(dirname "$css")/$path" ]] || die "$css references '$url' but that file is not vendored"
    done < <(grep -o 'url([^)]*)' "$css" || true)
  done < <(find "$OUT" -type f -name '*.css')
}

vendor_htmx() {
  put dist/htmx.min.js
  put_license
}

vendor_tabler() {
  put dist/css/tabler.min.css css/tabler.min.css
  put dist/js/tabler.min.js js/tabler.min.js
  # tabler.min.js bundles Bootstrap 5's JS components (+ Popper) and wires up the
  # data-bs-* API. Note: it exposes them as window.tabler.Modal etc. (and
  # window.tabler.bootstrap.*), NOT as window.bootstrap. Guard against a future
  # Tabler release dropping the bundle: then vendor bootstrap (see below).
  # (Bootstrap's event namespaces/error texts survive minification.)
  local key
  for key in .bs.collapse .bs.dropdown .bs.modal .bs.offcanvas \
             "Bootstrap's tooltips require Popper" createPopper; do
    grep -qF "$key" "$OUT/js/tabler.min.js" ||
      die "$SPEC: tabler.min.js no longer bundles Bootstrap JS ('$key' missing); add bootstrap@<5.x> to versions.txt"
  done
  # @tabler/core ships no LICENSE file in its npm package (package.json says
  # "license": "MIT"), so write the MIT text with the copyright lines from the
  # dist header. Upstream: https://github.com/tabler/tabler/blob/dev/LICENSE
  {
    echo "The MIT License (MIT)"
    echo
    head -n 10 "$PKG/dist/js/tabler.min.js" | sed -n 's/^\* *\(Copyright .*\)$/\1/p'
    cat <<'MIT'

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.

---
Generated by tools/frontend/fetch.sh: the @tabler/core npm package ships no
LICENSE file. Source: https://github.com/tabler/tabler/blob/dev/LICENSE
js/tabler.min.js also bundles Bootstrap's JavaScript (MIT,
https://github.com/twbs/bootstrap/blob/main/LICENSE) and Popper
(MIT, https://github.com/floating-ui/floating-ui, @popperjs/core v2).
MIT
  } > "$OUT/LICENSE"
  chmod 0644 "$OUT/LICENSE"
}

vendor_tabler_icons() {
  # Not the webfont (507 KB of 5,000 glyphs plus 213 KB of CSS): a stylesheet of only the icons the sources use, each
  # an SVG data URI shown with mask-image (icons-css.mjs). Rerun after using a new icon:
  #   tools/frontend/fetch.sh @tabler/icons
  # (IconStylesheetTests fails until then.)
  node "$SCRIPT_DIR/icons-css.mjs" "$PKG" "$REPO_ROOT" "$OUT/tabler-icons.css" >/dev/null ||
    die "$SPEC: icons-css.mjs failed"
  put_license
}

vendor_echarts() {
  put dist/echarts.min.js
  # EN and ZH are both built into echarts.min.js; langEN.js is kept for explicit
  # registration and is harmless.
  if [[ -f "$PKG/i18n/langEN.js" ]]; then put i18n/langEN.js; fi
  put_license
  put NOTICE   # Apache-2.0: NOTICE must travel with redistributions
}

vendor_tom_select() {
  put dist/css/tom-select.bootstrap5.min.css css/tom-select.bootstrap5.min.css
  put dist/js/tom-select.complete.min.js js/tom-select.complete.min.js
  put_license
}

vendor_flatpickr() {
  put dist/flatpickr.min.css
  put dist/flatpickr.min.js
  put dist/l10n/zh.js l10n/zh.js
  put_license
}

vendor_frappe_gantt() {
  # Built files per package.json "exports": the UMD build defines window.Gantt
  # for a plain <script>; the .es.js build is not needed.
  put dist/frappe-gantt.css
  put dist/frappe-gantt.umd.js
  put_license
}

# Only used if Tabler ever stops bundling Bootstrap's JS (not in versions.txt now).
vendor_bootstrap() {
  put dist/js/bootstrap.bundle.min.js js/bootstrap.bundle.min.js
  put_license
}

SHORTS=()
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line%%#*}"                       # allow comments
  line="$(tr -d '[:space:]' <<<"$line")"  # trim spaces / CR
  [[ -n "$line" ]] || continue

  SPEC="$line"
  NAME="${SPEC%@*}"
  VERSION="${SPEC##*@}"
  if [[ $# -gt 0 ]] && ! printf '%s\n' "$@" | grep -qxF "$NAME"; then continue; fi
  [[ -n "$NAME" && "$NAME" != "$SPEC" ]] || die "bad line '$SPEC' (want name@version)"
  [[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "$SPEC: version must be an exact stable x.y.z version"

  case "$NAME" in
    htmx.org)              SHORT=htmx;         FN=vendor_htmx ;;
    @tabler/core)          SHORT=tabler;       FN=vendor_tabler ;;
    @tabler/icons)         SHORT=tabler-icons; FN=vendor_tabler_icons ;;
    echarts)               SHORT=echarts;      FN=vendor_echarts ;;
    tom-select)            SHORT=tom-select;   FN=vendor_tom_select ;;
    flatpickr)             SHORT=flatpickr;    FN=vendor_flatpickr ;;
    frappe-gantt)          SHORT=frappe-gantt; FN=vendor_frappe_gantt ;;
    bootstrap)             SHORT=bootstrap;    FN=vendor_bootstrap ;;
    *) die "$SPEC: unknown package; add a case for it in fetch.sh" ;;
  esac

  echo "==> $SPEC -> wwwroot/lib/$SHORT"
  dl="$WORK/dl/$SHORT"
  mkdir -p "$dl"
  (cd "$dl" && npm pack "$SPEC" --ignore-scripts --loglevel=error >/dev/null)
  tgz=("$dl"/*.tgz)
  [[ ${#tgz[@]} == 1 && -f "${tgz[0]}" ]] || die "$SPEC: npm pack produced no single tarball"
  mkdir -p "$dl/x"
  tar -xzf "${tgz[0]}" -C "$dl/x"
  PKG="$dl/x/package"
  pkg_version="$(node -p 'require(process.argv[1]).version' "$PKG/package.json")"
  [[ "$pkg_version" == "$VERSION" ]] || die "$SPEC: tarball has version '$pkg_version'"

  OUT="$STAGE/$SHORT"
  [[ ! -e "$OUT" ]] || die "$SPEC: '$SHORT' listed twice in versions.txt"
  mkdir -p "$OUT"
  "$FN"
  check_css_urls
  SHORTS+=("$SHORT")
done < "$VERSIONS_FILE"

[[ ${#SHORTS[@]} -gt 0 ]] || die "versions.txt lists no packages"

# All packages staged fine: replace the old folders.
mkdir -p "$LIB_DIR"
for SHORT in "${SHORTS[@]}"; do
  rm -rf "${LIB_DIR:?}/${SHORT:?}"
  cp -R "$STAGE/$SHORT" "$LIB_DIR/$SHORT"
  find "$LIB_DIR/$SHORT" -type d -exec chmod 0755 {} +
done

echo
echo "Vendored into ${LIB_DIR#"$REPO_ROOT"/}:"
(cd "$LIB_DIR" && find "${SHORTS[@]}" -type f | LC_ALL=C sort | xargs du -h)
echo "Total: $(du -sh "$LIB_DIR" | cut -f1)"
