#!/bin/bash
# Screenshots of an evaluator's report for reviewers: headless Chromium
# renders the report (or writes one of the demo dataset first) at a desktop
# width and saves a PNG of its top (title and headline table) and one of
# each section (charts, profiles (the first cities), groups, methodology,
# quality), each from a copy of the report that keeps only that section.
#   tools/report-screenshots.sh [REPORT.html] [OUTDIR]
# Default: build/demo/report.html (written by tools/demo.sh), OUTDIR
# build/demo/screenshots.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-$top/build/demo/report.html}"
out="${2:-$(dirname "$report")/screenshots}"
if [ ! -f "$report" ]; then
  export GOVIDX_LIBEXECDIR="$top/build/tools"
  "$top/build/tools/govidx" report "$top/datasets/demo-cities.h5" -o "$report"
fi
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
abs="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
shot() { # name url height
  timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --window-size=1400,"$3" --screenshot="$out/$1.png" "$2" >/dev/null 2>&1
  echo "wrote $out/$1.png"
}
shot top "file://$abs" 1600
for s in charts profiles groups methodology quality; do
  # the report with only section $s (and the title), so the shot starts there
  python3 - "$abs" "$profile/$s.html" "$s" <<'PY'
import re, sys
src, dst, keep = sys.argv[1:]
html = open(src, encoding="utf-8").read()
html = re.sub(r'<nav>.*?</nav>', '', html, flags=re.S)
html = re.sub(r'<section id="(?!%s")[^"]*">.*?</section>' % re.escape(keep), '', html, flags=re.S)
open(dst, "w", encoding="utf-8").write(html)
PY
  shot "$s" "file://$profile/$s.html" 4000
done
