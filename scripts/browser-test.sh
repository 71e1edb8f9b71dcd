#!/usr/bin/env bash
# End-to-end test of `infralint report` in a real browser: render one
# example's report, open it in Debian's headless Chromium with networking
# features off, take a screenshot, dump the DOM and fail on console errors
# or a diagram (or plot) of zero size, or a diagram label wider than its
# box in the fonts installed (run it on a machine with only DejaVu, as
# without fonts-liberation, to check the fallback).
#
#   bash scripts/browser-test.sh            # outputs in a temporary directory
#   OUT=docs/shots bash scripts/browser-test.sh   # keep report.html, report.png, dom.html
#
# Installs chromium with apt-get when it is missing (the project's machines
# are Debian and run as root). Runs in well under three minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"

example=${EXAMPLE:-examples/web-asg-rds-cache/stack.cue}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

browser=""
for b in chromium chromium-browser; do
  if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
  echo "browser-test: installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  browser=chromium
fi
"$browser" --version 2>/dev/null

echo "browser-test: building infralint and the renderer"
go build -o "$work/bin/" ./cmd/infralint ./cmd/infralint-diagram
"$work/bin/infralint" report "$example" -o "$out/report.html"

# The probe: a copy of the report with two inline scripts (the report has
# none). The first records errors, including blocked or failed loads; the
# last measures the diagram and the plots once they are laid out. The
# report's Content-Security-Policy forbids scripts, so the copy allows
# inline ones and nothing else.
probe_head='<script>(function(){var d=document.documentElement;function add(k,v){d.setAttribute(k,(d.getAttribute(k)||"")+"|"+v)}window.addEventListener("error",function(e){add("data-probe-errors",e.target&&e.target!==window?"load "+(e.target.src||e.target.href||e.target.tagName):(e.message||"error"))},true);document.addEventListener("securitypolicyviolation",function(e){add("data-probe-errors","csp "+e.violatedDirective+" "+e.blockedURI)});})();</script>'
probe_tail='<script>(function(){var d=document.documentElement;var s=document.querySelectorAll("svg.diagram");var r=s.length?s[0].getBoundingClientRect():{width:0,height:0};d.setAttribute("data-probe-diagrams",String(s.length));d.setAttribute("data-probe-diagram-box",Math.round(r.width)+"x"+Math.round(r.height));var p=document.querySelectorAll("svg.plot"),z=0;for(var i=0;i<p.length;i++){var b=p[i].getBoundingClientRect();if(b.width<1||b.height<1)z++}d.setAttribute("data-probe-plots",p.length+" "+z);var o=[];if(s.length){var g=s[0].querySelectorAll("g.node");for(var j=0;j<g.length;j++){var sh=g[j].querySelectorAll("path,polygon,ellipse"),x0=1e9,x1=-1e9;for(var k=0;k<sh.length;k++){var sb=sh[k].getBBox();x0=Math.min(x0,sb.x);x1=Math.max(x1,sb.x+sb.width)}if(!sh.length)continue;var tx=g[j].querySelectorAll("text");for(var k=0;k<tx.length;k++){var tb=tx[k].getBBox();if(tx[k].textContent.trim()&&(tb.x<x0-0.5||tb.x+tb.width>x1+0.5))o.push(tx[k].textContent.trim())}}}d.setAttribute("data-probe-overflow",o.join(" / "));d.setAttribute("data-probe-done","1")})();</script>'
sed -E -e "s#default-src (&\#39;|')none(&\#39;|');#default-src 'none'; script-src 'unsafe-inline';#" \
    -e "s#<meta charset=\"utf-8\">#<meta charset=\"utf-8\">${probe_head//&/\\&}#" \
    -e "s#</body>#${probe_tail//&/\\&}</body>#" "$out/report.html" >"$work/probe.html"

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --disable-dev-shm-usage --hide-scrollbars)

echo "browser-test: dumping the DOM"
timeout 60 "$browser" "${flags[@]}" --user-data-dir="$(mktemp -d)" --enable-logging=stderr --v=0 \
  --dump-dom "file://$work/probe.html" >"$out/dom.html" 2>"$out/chromium-dom.log" || {
  echo "browser-test: chromium failed" >&2; tail -20 "$out/chromium-dom.log" >&2; exit 1; }

# The same page on a machine without Helvetica, Arial or Liberation: a
# fontconfig that knows only DejaVu (Debian's fonts-dejavu-core, which
# chromium pulls in), so every name in the SVG's font stack resolves to
# DejaVu Sans. The diagram's labels must still fit their boxes.
dejavu=/usr/share/fonts/truetype/dejavu
fc="$work/fontconfig"
mkdir -p "$fc"
cat >"$fc/fonts.conf" <<FONTS
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$dejavu</dir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
  <cachedir>$fc/cache</cachedir>
</fontconfig>
FONTS
only=$(FONTCONFIG_FILE="$fc/fonts.conf" fc-match -f '%{family}' Helvetica 2>/dev/null || true)
case "$only" in
  "DejaVu Sans"*) ;;
  *) echo "browser-test: FAIL: with only $dejavu, Helvetica resolves to '$only', not DejaVu Sans" >&2; exit 1 ;;
esac
echo "browser-test: dumping the DOM with DejaVu Sans as the only sans-serif font"
FONTCONFIG_FILE="$fc/fonts.conf" timeout 60 "$browser" "${flags[@]}" --user-data-dir="$(mktemp -d)" --enable-logging=stderr --v=0 \
  --dump-dom "file://$work/probe.html" >"$out/dom-dejavu.html" 2>"$out/chromium-dejavu.log" || {
  echo "browser-test: chromium failed" >&2; tail -20 "$out/chromium-dejavu.log" >&2; exit 1; }

echo "browser-test: taking the screenshot"
timeout 60 "$browser" "${flags[@]}" --user-data-dir="$(mktemp -d)" --enable-logging=stderr --v=0 \
  --window-size=1280,4000 --screenshot="$out/report.png" "file://$out/report.html" \
  >/dev/null 2>"$out/chromium-shot.log" || {
  echo "browser-test: chromium failed" >&2; tail -20 "$out/chromium-shot.log" >&2; exit 1; }

fail=0
attr() { { grep -o "$1=\"[^\"]*\"" "${2:-$out/dom.html}" || true; } | head -1 | sed -e "s/^$1=\"//" -e 's/"$//'; }
if [ "$(attr data-probe-done)" != "1" ]; then
  echo "browser-test: FAIL: the probe did not run (see $out/dom.html)" >&2; fail=1
fi
errors=$(attr data-probe-errors)
if [ -n "$errors" ]; then
  echo "browser-test: FAIL: errors in the page: $errors" >&2; fail=1
fi
if grep -hE 'CONSOLE|Uncaught' "$out/chromium-dom.log" "$out/chromium-shot.log"; then
  echo "browser-test: FAIL: console messages (above)" >&2; fail=1
fi
diagrams=$(attr data-probe-diagrams)
box=$(attr data-probe-diagram-box)
if [ "$diagrams" != "1" ]; then
  echo "browser-test: FAIL: want 1 diagram, got '$diagrams'" >&2; fail=1
fi
case "$box" in
  ""|0x*|*x0) echo "browser-test: FAIL: the diagram's box is '$box'" >&2; fail=1 ;;
esac
read -r nplots zero <<<"$(attr data-probe-plots)"
if [ "${nplots:-0}" -lt 1 ] || [ "${zero:-1}" != "0" ]; then
  echo "browser-test: FAIL: plots: ${nplots:-0} drawn, ${zero:-?} of zero size" >&2; fail=1
fi
overflow=$(attr data-probe-overflow)
if [ -n "$overflow" ]; then
  echo "browser-test: FAIL: diagram text wider than its box in $(fc-match -f '%{family}' sans-serif 2>/dev/null || echo 'the default font'): $overflow" >&2; fail=1
fi
if [ "$(attr data-probe-done "$out/dom-dejavu.html")" != "1" ]; then
  echo "browser-test: FAIL: the probe did not run with DejaVu alone (see $out/dom-dejavu.html)" >&2; fail=1
fi
overflow=$(attr data-probe-overflow "$out/dom-dejavu.html")
if [ -n "$overflow" ]; then
  echo "browser-test: FAIL: diagram text wider than its box in DejaVu Sans alone: $overflow" >&2; fail=1
fi
if [ ! -s "$out/report.png" ]; then
  echo "browser-test: FAIL: no screenshot" >&2; fail=1
fi
if [ "$fail" != 0 ]; then
  exit 1
fi
echo "browser-test: ok: diagram $box, $nplots plots, no console errors, labels in their boxes in $(fc-match -f '%{family}' sans-serif 2>/dev/null || echo 'the default font') and in DejaVu Sans alone; screenshot $out/report.png"
