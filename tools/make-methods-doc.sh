#!/bin/sh
# Join docs/methods/*.md into docs/methods.md (known sections first).
set -eu
top="$(cd "$(dirname "$0")/.." && pwd)"
out="$top/docs/methods.md"
{
  cat <<'HEAD'
# govidx methods

Every formula govidx computes, with its published source and the conventions
govidx uses. The sections are kept in `docs/methods/*.md` and joined here by
`tools/make-methods-doc.sh` (`make methods-doc`); the tests that check each
formula against a published value or an independent computation cite the
same sources.

Provenance markers: a value marked [R] is recalled from the literature and
not re-read in a stored copy; [P] marks govidx's own proposal.
HEAD
  for f in pipeline prep weights-aggregation openness-checklist coverage inequality coupling network collaboration dea import; do
    [ -f "$top/docs/methods/$f.md" ] && { printf '\n---\n\n'; cat "$top/docs/methods/$f.md"; }
  done
  for p in "$top"/docs/methods/*.md; do
    b=$(basename "$p" .md)
    case " pipeline prep weights-aggregation openness-checklist coverage inequality coupling network collaboration dea import " in
      *" $b "*) ;;
      *) printf '\n---\n\n'; cat "$p" ;;
    esac
  done
} > "$out.tmp"
mv "$out.tmp" "$out"
