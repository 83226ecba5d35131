#!/usr/bin/env bash
# Regenerates every aixsim output shown in the documentation, so the docs cannot drift from what
# aixsim really prints. Run it from anywhere after changing a report's wording or a sample:
#
#     docs/regenerate.sh              # rewrite every marked block in README.md and docs/**/*.md
#     docs/regenerate.sh --check      # rewrite nothing; list the blocks that differ, exit 1 if any
#     docs/regenerate.sh FILE.md ...  # only these files
#
# A marked block is written in Markdown as
#
#     <!-- aixsim: load hello --data "speed=fast" -->
#     ```text
#     (output)
#     ```
#     <!-- /aixsim -->
#
# Markers start at the beginning of a line (an indented one is an example, not a marker).
# The marker holds the arguments of one `aixsim` command, run from the repository's root with the
# executable built once at the start. Words are split at blanks; double quotes group words. The
# block shows the command's standard output (its exit status and standard error are not shown).
# After the arguments, optional filters (separated by `|`) keep an excerpt:
#
#     | from TEXT   start at the first line containing TEXT; without `to`, stop before the next
#                   blank line
#     | to TEXT     stop after the first line, from the start on, containing TEXT
#     | lines N     keep at most N lines
#
# Output is normalised with docs/normalise.sed before the filters see it (host addresses,
# temporary paths and wall-clock durations are replaced; see that file).
# Tests/AIXSimTests/DocsOutputTests.swift runs every marked command the same way and fails
# when a block no longer matches, naming the file and the command.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

check=0
files=()
for argument in "$@"; do
    case "$argument" in
        --check) check=1 ;;
        -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) files+=("$argument") ;;
    esac
done
if [ ${#files[@]} -eq 0 ]; then
    files=(README.md)
    while IFS= read -r file; do files+=("$file"); done < <(find docs -name '*.md' | sort)
fi

echo "regenerate: building aixsim once" >&2
swift build --product aixsim >&2
aixsim="$(swift build --show-bin-path)/aixsim"

# The filtered, normalised output of one marker's command.
# $1 is everything between `aixsim:` and `-->`.
render() {
    local spec="$1" command filters
    command="${spec%%|*}"
    filters=""
    [[ "$spec" == *"|"* ]] && filters="${spec#*|}"
    local words
    # The marker is ours, in our docs: eval only does the word splitting and quote removal.
    eval "words=($command)"
    SWIFT_BACKTRACE=enable=no "$aixsim" "${words[@]}" 2>/dev/null </dev/null \
        | sed -E -e "s#${root}/##g" -f docs/normalise.sed | excerpt "$filters" | trim_trailing_blank_lines || true
}

# Applies `from`, `to` and `lines` filters (see the top of this file).
excerpt() {
    local from="" to="" lines=""
    local IFS='|'
    for filter in $1; do
        filter="$(echo "$filter" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//')"
        case "$filter" in
            from\ *) from="${filter#from }" ;;
            to\ *) to="${filter#to }" ;;
            lines\ *) lines="${filter#lines }" ;;
            "") ;;
            *) echo "regenerate: unknown filter '$filter'" >&2; return 1 ;;
        esac
    done
    awk -v from="$from" -v to="$to" -v lines="$lines" '
        BEGIN { on = (from == ""); kept = 0; done = 0 }
        done { next }
        !on && index($0, from) > 0 { on = 1 }
        on {
            if (from != "" && to == "" && $0 == "") { done = 1; next }
            if (lines != "" && kept >= lines + 0) { done = 1; next }
            print; kept++
            if (to != "" && index($0, to) > 0) done = 1
        }'
}

trim_trailing_blank_lines() {
    awk '{ lines[NR] = $0 } END { n = NR; while (n > 0 && lines[n] == "") n--; for (i = 1; i <= n; i++) print lines[i] }'
}

status=0
for file in "${files[@]}"; do
    grep -q '<!-- aixsim:' "$file" || continue
    output="$(mktemp)"
    inside=0
    while IFS= read -r line || [ -n "$line" ]; do
        if [ $inside -eq 0 ]; then
            printf '%s\n' "$line" >> "$output"
            if [[ "$line" =~ ^\<\!--\ aixsim:\ (.*)\ --\>[[:space:]]*$ ]]; then
                spec="${BASH_REMATCH[1]}"
                echo "regenerate: $file: aixsim $spec" >&2
                {
                    echo '```text'
                    render "$spec"
                    echo '```'
                } >> "$output"
                inside=1
            fi
        elif [[ "$line" =~ ^\<\!--\ /aixsim\ --\>[[:space:]]*$ ]]; then
            printf '%s\n' "$line" >> "$output"
            inside=0
        fi
    done < "$file"
    if [ $inside -eq 1 ]; then
        echo "regenerate: $file: a marker has no <!-- /aixsim --> after it" >&2
        rm -f "$output"; exit 2
    fi
    if cmp -s "$file" "$output"; then
        rm -f "$output"
    elif [ $check -eq 1 ]; then
        echo "regenerate: $file differs from aixsim's output:" >&2
        diff -u "$file" "$output" >&2 || true
        rm -f "$output"; status=1
    else
        cat "$output" > "$file"; rm -f "$output"
        echo "regenerate: rewrote $file" >&2
    fi
done
exit $status
