#!/usr/bin/env bash
# Stage-0 against `exiftool -json -r` (the reader camtrapR uses) on the same photos, both as
# whole processes: start, read every photo's metadata, write the result, exit.
# Settings (environment): SOURCE (photos to copy, default ../shared/data/images), COPIES (25),
# RUNS (3; the median is reported), MUNIN_JAVA_OPTS (the tuned JVM options). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE="${SOURCE:-../shared/data/images}"
COPIES="${COPIES:-25}"
RUNS="${RUNS:-3}"
JAR=target/munin.jar
ARCHIVE=target/munin-stage0.jsa
TUNED_OPTS="${MUNIN_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$ARCHIVE}"

if ! command -v exiftool > /dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "Installing exiftool (Debian libimage-exiftool-perl) ..."
        apt-get install -y -q libimage-exiftool-perl > /dev/null 2>&1 \
            || { apt-get update -q > /dev/null && apt-get install -y -q libimage-exiftool-perl > /dev/null; }
    else
        echo "exiftool is missing. Install it with: sudo apt-get install libimage-exiftool-perl" >&2
        exit 2
    fi
fi
[ -d "$SOURCE" ] || { echo "No photos at $SOURCE; set SOURCE=<folder of JPEGs>" >&2; exit 2; }
[ -f "$JAR" ] || { echo "No $JAR; run make build first" >&2; exit 2; }

WORK="$(mktemp -d -t munin-bench-stage0-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/photos"
for i in $(seq -w 1 "$COPIES"); do
    cp -R "$SOURCE" "$WORK/photos/copy$i"
done
PHOTOS=$(find "$WORK/photos" -type f \( -iname '*.jpg' -o -iname '*.jpeg' \) | wc -l)
if [ "$PHOTOS" -lt 2000 ]; then
    echo "warning: only $PHOTOS photos; raise COPIES for a meaningful comparison" >&2
fi
# Both tools read from the page cache, so neither pays for the first disk read.
find "$WORK/photos" -type f -exec cat {} + > /dev/null

# A class-data-sharing archive from a training run over the source folder (not the copies
# measured): the JDK's own start-up cache, rebuilt whenever the jar changes.
if [[ "$TUNED_OPTS" == *"$ARCHIVE"* ]] && { [ ! -f "$ARCHIVE" ] || [ "$JAR" -nt "$ARCHIVE" ]; }; then
    rm -f "$ARCHIVE"
    java -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" stage0 --input "$SOURCE" --output "$WORK/training" > /dev/null 2>&1
fi

millis() { date +%s%3N; }

run_exiftool() {
    # exiftool exits 1 when a file is unreadable (the shared set has a 0-byte file); its JSON is checked below
    exiftool -json -r "$WORK/photos" > "$WORK/exiftool.json" 2> /dev/null || true
}
run_munin() {
    rm -rf "$WORK/out"
    # shellcheck disable=SC2086 # the options are a list of words
    java $1 -jar "$JAR" stage0 --input "$WORK/photos" --output "$WORK/out" --max-images 1000000 > /dev/null
}

declare -a EXIFTOOL PLAIN TUNED
for run in $(seq 1 "$RUNS"); do
    start=$(millis); run_exiftool; EXIFTOOL+=($(( $(millis) - start )))
    start=$(millis); run_munin ""; PLAIN+=($(( $(millis) - start )))
    start=$(millis); run_munin "$TUNED_OPTS"; TUNED+=($(( $(millis) - start )))
done

exiftool_photos=$(grep -c '"SourceFile"' "$WORK/exiftool.json" || true)
munin_photos=$(wc -l < "$WORK/out/stage0/images.jsonl")
if [ "$exiftool_photos" -ne "$PHOTOS" ] || [ "$munin_photos" -ne "$PHOTOS" ]; then
    echo "error: $PHOTOS photos, but exiftool reported $exiftool_photos and Munin $munin_photos" >&2
    exit 1
fi

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
e=$(median "${EXIFTOOL[@]}"); p=$(median "${PLAIN[@]}"); t=$(median "${TUNED[@]}")

echo "Stage-0 benchmark: $PHOTOS photos ($COPIES copies of $SOURCE), median of $RUNS runs, $(nproc) CPUs"
awk -v n="$PHOTOS" -v e="$e" -v p="$p" -v t="$t" -v opts="$TUNED_OPTS" 'BEGIN {
    printf "  %-28s %8.2f s %9.1f photos/s\n", "exiftool -json -r", e / 1000, n * 1000 / e
    printf "  %-28s %8.2f s %9.1f photos/s %7.1fx exiftool\n", "munin stage0 (java -jar)", p / 1000, n * 1000 / p, e / p
    printf "  %-28s %8.2f s %9.1f photos/s %7.1fx exiftool\n", "munin stage0 (tuned JVM)", t / 1000, n * 1000 / t, e / t
    printf "  tuned JVM: %s\n", opts
    printf "Ratio (tuned): %.1fx\n", e / t
}'
