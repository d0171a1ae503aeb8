#!/usr/bin/env bash
# Lists the house-style violations (config/checkstyle/checkstyle.xml) of the whole tree: the count per
# rule with the files and their counts under each rule, then the files with the most violations.
# The list is the work to do before checkstyle.failOnViolation can be set to true in the root pom.
#
# Usage: scripts/checkstyle-fix-list.sh [--no-run] [--top N]
#   --no-run  read the existing */target/checkstyle-result.xml instead of running Checkstyle first
#   --top N   how many files to show in the per-file summary (default 25)
# Runs only Checkstyle (no compile, no tests): mvn -B -ntp -q checkstyle:check.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"

RUN=1
TOP=25
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-run) RUN=0; shift ;;
        --top) TOP="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

if [[ "$RUN" == 1 ]]; then
    # failOnViolation off for this run so every module is checked and reported.
    log="$(mktemp)"
    if ! mvn -B -ntp -q -Dstyle.color=never checkstyle:check -Dcheckstyle.failOnViolation=false >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
fi

shopt -s nullglob
results=(*/target/checkstyle-result.xml)
if [[ ${#results[@]} -eq 0 ]]; then
    echo "no */target/checkstyle-result.xml: run without --no-run" >&2
    exit 1
fi

# One "rule<TAB>file" line per violation; the rule is the check's class name without "Check", or the
# module id when the configuration gives one (e.g. TrailingWhitespace).
pairs="$(awk -v root="$ROOT/" '
    /<file name="/ { f = $0; sub(/.*<file name="/, "", f); sub(/".*/, "", f); sub(root, "", f) }
    /<error / {
        s = $0; sub(/.*source="/, "", s); sub(/".*/, "", s)
        if (index(s, "#") > 0) { r = substr(s, index(s, "#") + 1) }
        else { n = split(s, parts, "."); r = parts[n]; sub(/Check$/, "", r) }
        print r "\t" f
    }' "${results[@]}")"

if [[ -z "$pairs" ]]; then
    echo "No violations."
    exit 0
fi

total=$(printf '%s\n' "$pairs" | wc -l)
files=$(printf '%s\n' "$pairs" | cut -f2 | sort -u | wc -l)
echo "Violations: $total in $files files"
echo
echo "== Per rule (count, then files with their counts) =="
printf '%s\n' "$pairs" | cut -f1 | sort | uniq -c | sort -rn | while read -r count rule; do
    printf '%6d  %s\n' "$count" "$rule"
    printf '%s\n' "$pairs" | awk -F'\t' -v r="$rule" '$1 == r { print $2 }' | sort | uniq -c | sort -rn \
        | awk '{ printf "          %5d  %s\n", $1, $2 }'
done
echo
echo "== Top $TOP files (count, then rules) =="
printf '%s\n' "$pairs" | cut -f2 | sort | uniq -c | sort -rn | head -n "$TOP" | while read -r count file; do
    rules=$(printf '%s\n' "$pairs" | awk -F'\t' -v f="$file" '$2 == f { print $1 }' | sort | uniq -c | sort -rn \
        | awk '{ printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1 }')
    printf '%6d  %s  (%s)\n' "$count" "$file" "$rules"
done
