#!/usr/bin/env bash
# Builds the Debian package of a portable build, unpacks it with dpkg-deb -x into a temporary
# folder (no installation, no root), and runs the unpacked explorer from there: `--batch info`
# must report a portable build and the packaged samples, `--batch demo` must write its figures.
# Usage: test_deb_package.sh BUILD_DIR CPACK
set -euo pipefail
build="$1"
cpack="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && "$cpack" -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
deb="$(ls "$work"/pkg/bithep-explorer_*.deb 2>/dev/null | head -1)"
[ -n "$deb" ] || fail "no bithep-explorer_*.deb in $work/pkg"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# Dependencies declared: the shared libraries found by dpkg-shlibdeps and the run-time plugins.
depends="$(dpkg-deb -f "$deb" Depends)"
for dep in libqt6widgets6 libhdf5 libfastjet libzip libqt6charts6 qt6-qpa-plugins; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
exe="$root/usr/bin/bithep-explorer"
[ -x "$exe" ] || fail "no executable usr/bin/bithep-explorer"
for f in usr/share/applications/bithep-explorer.desktop \
         usr/share/icons/hicolor/scalable/apps/bithep-explorer.svg \
         usr/share/bithep-explorer/samples/qg/qg_dataset.h5 \
         usr/share/bithep-explorer/samples/qg_pythia/qg_pythia_calibration_1000.npz; do
  [ -f "$root/$f" ] || fail "missing $f"
done
grep -q '^Exec=bithep-explorer' "$root/usr/share/applications/bithep-explorer.desktop" || fail "desktop entry Exec"

export QT_QPA_PLATFORM=offscreen
info="$("$exe" --batch info)"
echo "$info"
grep -q "^Build *: portable" <<<"$info" || fail "--batch info does not report a portable build"
grep -q "^Samples *: $root/usr/share/bithep-explorer/samples" <<<"$info" || fail "the packaged samples are not the ones found"

"$exe" --batch demo --out "$work/demo" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; fail "--batch demo"; }
ls "$work/demo"/*.png >/dev/null 2>&1 || fail "--batch demo wrote no PNG figure"
[ -f "$work/demo/project.json" ] || fail "--batch demo wrote no project.json"
echo "demo: $(ls "$work/demo" | wc -l) files"

# The baseline paths a CPU without AVX2 would take, forced: the package must run them too.
export BITHEP_FP32=sse2 BITHEP_KERNEL=ref
"$exe" --batch info | grep -q "^fp32 products *: Eigen sse2 (portable build" || fail "BITHEP_FP32=sse2 not honoured"
"$exe" --batch demo --out "$work/demo-sse2" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; fail "--batch demo on sse2/ref"; }
echo "demo on the sse2 fp32 variant and the reference ternary kernels: $(ls "$work/demo-sse2" | wc -l) files"
echo "PASS"
