#!/usr/bin/env bash
# Shared toolchain helper for Trading Station: finds (or installs) a JDK >= 17 and Maven.
#
# Sourced (by .ci/run and ./station):
#   source scripts/ensure-toolchain.sh
#   tc_ensure_jdk      # sets and exports JAVA_HOME, JAVA (java binary), JAVA_MAJOR
#   tc_ensure_mvn      # sets MVN (mvn binary)
#   tc_list_jdks       # prints "MAJOR<TAB>PATH" for every distinct JDK (symlinks deduped)
#   tc_jdks_by_major   # same, but only one JDK per major version (>= 17)
#   tc_java_major DIR  # prints the major version of the JDK at DIR
#
# Executed:
#   scripts/ensure-toolchain.sh [java|jdks|mvn|all]   (default: all)
#
# Messages go to stderr as one line each, prefixed "toolchain:". Set TOOLCHAIN_QUIET=1 to
# silence the "found ..." messages (install messages, warnings and errors are always shown).
# Installation uses apt-get (Debian/Ubuntu) and needs root or passwordless sudo; with TC_DRY_RUN=1 it
# only says what it would install (and the ensure functions then fail).
#
# Sourcing does not change the caller's shell options; functions return non-zero on failure.

TC_MIN_JAVA_MAJOR="${TC_MIN_JAVA_MAJOR:-17}"
TC_JVM_DIR="${TC_JVM_DIR:-/usr/lib/jvm}"
TC_APT_JDK_PACKAGE="${TC_APT_JDK_PACKAGE:-openjdk-17-jdk-headless}"
TC_APT_MAVEN_PACKAGE="${TC_APT_MAVEN_PACKAGE:-maven}"
_TC_APT_UPDATED="${_TC_APT_UPDATED:-0}"

tc_log()  { printf 'toolchain: %s\n' "$*" >&2; }
tc_info() { [[ "${TOOLCHAIN_QUIET:-0}" == 1 ]] || tc_log "$@"; }

# tc_java_major DIR -> prints major version (e.g. 17, 25) of the JDK/JRE home DIR; returns 1 if unknown.
tc_java_major() {
    local home="$1" v="" line
    [[ -x "$home/bin/java" ]] || return 1
    if [[ -r "$home/release" ]]; then
        v="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$home/release" 2>/dev/null)" || v=""
    fi
    if [[ -z "$v" ]]; then
        # e.g.: openjdk version "17.0.15" 2025-04-15   /   java version "1.8.0_392"
        line="$("$home/bin/java" -version 2>&1 | awk '/version "/ && !f { print; f = 1 }')" || line=""
        v="${line#*version \"}"
        v="${v%%\"*}"
    fi
    [[ -n "$v" ]] || return 1
    [[ "$v" == 1.* ]] && v="${v#1.}"
    v="${v%%[!0-9]*}"
    [[ -n "$v" ]] || return 1
    printf '%s\n' "$v"
}

# tc_is_jdk DIR -> success when DIR is a JDK home (java and javac present).
tc_is_jdk() {
    [[ -n "${1:-}" && -x "$1/bin/java" && -x "$1/bin/javac" ]]
}

# Runs apt-get (as root, or through passwordless sudo). "apt-get update" runs once per process.
tc_apt_install() {
    local -a sudo=()
    if [[ "${TC_DRY_RUN:-0}" == 1 ]]; then
        tc_log "[dry-run] would run: apt-get update && apt-get install -y --no-install-recommends $*"
        return 1
    fi
    if [[ "$(id -u)" != 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            tc_log "ERROR: need root (or passwordless sudo) to apt-get install $*; install it manually"
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        tc_log "ERROR: apt-get not available; install $* manually"
        return 1
    fi
    if [[ "$_TC_APT_UPDATED" != 1 ]]; then
        tc_log "running apt-get update"
        if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2; then
            tc_log "ERROR: apt-get update failed"
            return 1
        fi
        _TC_APT_UPDATED=1
    fi
    tc_log "installing with apt-get: $*"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2; then
        tc_log "ERROR: apt-get install $* failed"
        return 1
    fi
    tc_log "installed: $*"
}

# Candidate JDK homes, one per line (not deduped): everything under $TC_JVM_DIR, then JAVA_HOME,
# then the home of `java` on PATH.
_tc_candidate_homes() {
    local d j
    if [[ -d "$TC_JVM_DIR" ]]; then
        for d in "$TC_JVM_DIR"/*; do
            [[ -d "$d" ]] && printf '%s\n' "$d"
        done
    fi
    [[ -n "${JAVA_HOME:-}" ]] && printf '%s\n' "$JAVA_HOME"
    if j="$(command -v java 2>/dev/null)"; then
        j="$(readlink -f "$j")" && printf '%s\n' "${j%/bin/java}"
    fi
    return 0
}

# tc_list_jdks -> "MAJOR<TAB>PATH" per distinct JDK (real paths), sorted by major then path.
tc_list_jdks() {
    local d real major
    local -A seen=()
    while IFS= read -r d; do
        real="$(readlink -f "$d" 2>/dev/null)" || continue
        [[ -n "$real" && -z "${seen[$real]:-}" ]] || continue
        seen[$real]=1
        tc_is_jdk "$real" || continue
        major="$(tc_java_major "$real" 2>/dev/null)" || continue
        printf '%s\t%s\n' "$major" "$real"
    done < <(_tc_candidate_homes)
    return 0
}

# tc_jdks_by_major [MIN] -> one JDK per distinct major >= MIN (default 17): "MAJOR<TAB>PATH".
# For a major with several JDKs, JAVA_HOME's wins if it is one of them, else the first by path.
tc_jdks_by_major() {
    local min="${1:-$TC_MIN_JAVA_MAJOR}" major path jh=""
    local -A pick=()
    [[ -n "${JAVA_HOME:-}" ]] && jh="$(readlink -f "$JAVA_HOME" 2>/dev/null || true)"
    while IFS=$'\t' read -r major path; do
        (( major >= min )) || continue
        if [[ -z "${pick[$major]:-}" || "$path" == "$jh" ]]; then
            pick[$major]="$path"
        fi
    done < <(tc_list_jdks | sort -t$'\t' -k1,1n -k2,2)
    for major in "${!pick[@]}"; do
        printf '%s\t%s\n' "$major" "${pick[$major]}"
    done | sort -t$'\t' -k1,1n
}

_tc_use_jdk() {
    JAVA_HOME="$1"; JAVA_MAJOR="$2"; JAVA="$1/bin/java"
    export JAVA_HOME JAVA_MAJOR JAVA
}

# tc_find_jdk -> sets JAVA_HOME/JAVA/JAVA_MAJOR to a JDK >= 17 without installing anything.
# Order: JAVA_HOME (if a JDK >= 17), else the newest JDK under /usr/lib/jvm, else `java` on PATH.
tc_find_jdk() {
    local home major best="" best_major=0 d real j
    if [[ -n "${JAVA_HOME:-}" ]]; then
        if tc_is_jdk "$JAVA_HOME" && major="$(tc_java_major "$JAVA_HOME")" && (( major >= TC_MIN_JAVA_MAJOR )); then
            _tc_use_jdk "$(readlink -f "$JAVA_HOME")" "$major"
            tc_info "using JDK $JAVA_MAJOR from JAVA_HOME ($JAVA_HOME)"
            return 0
        fi
        tc_log "ignoring JAVA_HOME=$JAVA_HOME (not a JDK >= $TC_MIN_JAVA_MAJOR)"
    fi
    if [[ -d "$TC_JVM_DIR" ]]; then
        for d in "$TC_JVM_DIR"/*; do
            real="$(readlink -f "$d" 2>/dev/null)" || continue
            tc_is_jdk "$real" || continue
            major="$(tc_java_major "$real" 2>/dev/null)" || continue
            if (( major >= TC_MIN_JAVA_MAJOR && major > best_major )); then
                best="$real"; best_major="$major"
            fi
        done
        if [[ -n "$best" ]]; then
            _tc_use_jdk "$best" "$best_major"
            tc_info "using JDK $JAVA_MAJOR at $JAVA_HOME"
            return 0
        fi
    fi
    if j="$(command -v java 2>/dev/null)"; then
        home="$(readlink -f "$j")"; home="${home%/bin/java}"
        if major="$(tc_java_major "$home" 2>/dev/null)" && (( major >= TC_MIN_JAVA_MAJOR )); then
            tc_is_jdk "$home" || tc_log "warning: $home has no javac (a JRE); fine for running, not for building"
            _tc_use_jdk "$home" "$major"
            tc_info "using Java $JAVA_MAJOR from PATH ($JAVA_HOME)"
            return 0
        fi
    fi
    return 1
}

# tc_ensure_jdk -> like tc_find_jdk, but installs openjdk-17-jdk-headless with apt-get when none is found.
tc_ensure_jdk() {
    tc_find_jdk && return 0
    tc_log "no JDK >= $TC_MIN_JAVA_MAJOR found; installing $TC_APT_JDK_PACKAGE"
    tc_apt_install "$TC_APT_JDK_PACKAGE" || return 1
    if tc_find_jdk; then
        return 0
    fi
    tc_log "ERROR: still no JDK >= $TC_MIN_JAVA_MAJOR after installing $TC_APT_JDK_PACKAGE"
    return 1
}

# tc_ensure_mvn -> sets MVN to a Maven binary (PATH, MAVEN_HOME, M2_HOME, /usr/share/maven), installing
# the "maven" apt package when none is found.
tc_ensure_mvn() {
    local m c
    if m="$(command -v mvn 2>/dev/null)"; then
        MVN="$m"
    else
        MVN=""
        for c in "${MAVEN_HOME:-}" "${M2_HOME:-}" /usr/share/maven /opt/maven; do
            if [[ -n "$c" && -x "$c/bin/mvn" ]]; then MVN="$c/bin/mvn"; break; fi
        done
    fi
    if [[ -n "$MVN" ]]; then
        tc_info "using Maven at $MVN"
        return 0
    fi
    tc_log "mvn not found; installing $TC_APT_MAVEN_PACKAGE"
    tc_apt_install "$TC_APT_MAVEN_PACKAGE" || return 1
    if MVN="$(command -v mvn 2>/dev/null)"; then
        tc_log "using Maven at $MVN"
        return 0
    fi
    tc_log "ERROR: mvn still not found after installing $TC_APT_MAVEN_PACKAGE"
    return 1
}

# Executed directly rather than sourced.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-all}" in
        java) tc_ensure_jdk; printf 'JAVA_HOME=%s\nJAVA_MAJOR=%s\n' "$JAVA_HOME" "$JAVA_MAJOR" ;;
        jdks) tc_list_jdks | sort -t$'\t' -k1,1n -k2,2 ;;
        mvn)  tc_ensure_mvn; printf 'MVN=%s\n' "$MVN" ;;
        all)
            tc_ensure_jdk
            tc_ensure_mvn
            printf 'JAVA_HOME=%s\nJAVA_MAJOR=%s\nMVN=%s\n' "$JAVA_HOME" "$JAVA_MAJOR" "$MVN"
            printf 'JDKs:\n'
            tc_list_jdks | sort -t$'\t' -k1,1n -k2,2 | sed 's/^/  /'
            ;;
        *) echo "usage: $0 [java|jdks|mvn|all]" >&2; exit 2 ;;
    esac
fi
