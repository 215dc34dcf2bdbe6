#!/usr/bin/env bash
# dev.sh — set up, build and run mubiao on a Debian 12 machine.
#   ./dev.sh demo   install what is missing, build, evaluate the bundled examples
#   ./dev.sh test   install what is missing, build (plain and with sanitizers), run every test,
#                   and build the library and command in the other build types and with clang
#   ./dev.sh deps   only install the Debian packages the build needs
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages, and why each is here (README.md says the same):
PACKAGES=(
  build-essential cmake pkg-config  # compiler and build
  flex bison                        # the rule-language scanner and parser
  libutf8proc-dev                   # Unicode: NFKC normalisation, display width
  libsqlite3-dev                    # the verdict history (eval --store, history, diff)
  libcriterion-dev                  # unit tests
  libxml2-utils                     # xmllint: validates JUnit output against its schema in tests
  libxml2-dev                       # mubiao draft reads plans saved as HTML with libxml2's HTML parser
  clang libclang-rt-14-dev          # a second compiler that must build clean; libFuzzer, LeakSanitizer
  python3                           # generates benchmark data
  strace                            # a test counts the write() calls of a message on standard error
  chromium                          # headless browser: the HTML report is opened and checked in tests
  neovim                            # an editor's own LSP client drives `mubiao lsp` in a test
  libicu72                          # ICU: the SARIF Multitool (tests/package.json), a .NET program
  libpq-dev                         # PostgreSQL's client library: `mubiao sql --run` runs the script in a database
  postgresql                        # a real PostgreSQL server the tests start to run `mubiao sql` scripts (and
                                    # its postgres_fdw, part of the same package, for the sharded cluster)
)
# Node and npm run the browser tests (playwright-core) and drive `mubiao lsp` through the
# client library editors use (vscode-languageserver-protocol; both in tests/package.json). A
# machine that has them from elsewhere (a nodejs package that bundles npm) keeps them: Debian's
# npm would clash.
NODE_PACKAGES=(nodejs npm)

deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  command -v npm >/dev/null || missing+=("${NODE_PACKAGES[@]}")
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() { # build DIR [cmake options...]; the project's own builds treat warnings as errors
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMB_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

# Every build type, with gcc and with clang, builds the library and the command without a
# single warning (-Werror): optimisation levels and compilers warn differently. Build only;
# the suites run on the RelWithDebInfo builds.
other_builds() {
  local cfg
  for cfg in gcc:Release gcc:Debug gcc:MinSizeRel clang:Release; do
    local cc=${cfg%%:*} type=${cfg#*:}
    echo "build: $cc $type"
    cmake -S . -B "build-$cc-$type" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE="$type" \
      -DMB_WERROR=ON -DMB_TESTS=OFF >/dev/null
    cmake --build "build-$cc-$type" -j"$(nproc)" --target mubiao >/dev/null
  done
}

case "${1:-}" in
  deps) deps ;;
  demo)
    deps
    build build -DMB_TESTS=OFF -DMB_WERROR=OFF   # the command only, as a user builds it
    ./examples/run-demo.sh build/mubiao
    ;;
  test)
    deps
    (cd tests && npm ci --no-audit --no-fund)   # the pinned Node clients of the tests
    build build -DMB_TESTS=ON
    (cd build && ctest --output-on-failure -j"$(nproc)")
    build build-san -DMB_SANITIZE=ON -DMB_TESTS=ON
    (cd build-san && ctest --output-on-failure -j"$(nproc)")
    other_builds
    if [ -x tests/fuzz/short-run.sh ]; then tests/fuzz/short-run.sh; fi
    ;;
  *)
    echo "usage: ./dev.sh demo|test|deps" >&2
    exit 2
    ;;
esac
