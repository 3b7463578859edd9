#!/usr/bin/env bash
# Installs ollama-stack from this unpacked release archive:
#   ./install.sh [--prefix DIR] [--uninstall]      (default prefix: ~/.local)
# Copies the archive to PREFIX/lib/ollama-stack, links PREFIX/bin/ollama-stack, and puts the man
# pages and the bash, zsh and fish completions where those tools look under PREFIX. Running it
# again replaces the previous installation (idempotent).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PREFIX=${HOME:?HOME is not set}/.local
UNINSTALL=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=${2:?--prefix needs a directory}; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    --uninstall) UNINSTALL=true; shift ;;
    -h | --help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (use --prefix DIR, --uninstall)" >&2; exit 3 ;;
  esac
done
mkdir -p "$PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)
HOME_DIR=$PREFIX/lib/ollama-stack
BASH_DIR=$PREFIX/share/bash-completion/completions
ZSH_DIR=$PREFIX/share/zsh/site-functions
FISH_DIR=$PREFIX/share/fish/vendor_completions.d
MAN_DIR=$PREFIX/share/man/man1

remove() {
  rm -rf "$HOME_DIR"
  rm -f "$PREFIX/bin/ollama-stack" "$BASH_DIR/ollama-stack" "$ZSH_DIR/_ollama-stack" \
    "$FISH_DIR/ollama-stack.fish" "$MAN_DIR"/ollama-stack.1 "$MAN_DIR"/ollama-stack-*.1
}

if $UNINSTALL; then
  remove
  echo "removed ollama-stack from $PREFIX (your stacks, ~/.ollama-stack and Docker volumes are untouched)"
  exit 0
fi
[ "$HERE" != "$HOME_DIR" ] || { echo "install.sh: run it from the unpacked archive" >&2; exit 3; }
remove
mkdir -p "$HOME_DIR" "$PREFIX/bin" "$BASH_DIR" "$ZSH_DIR" "$FISH_DIR" "$MAN_DIR"
cp -R "$HERE"/. "$HOME_DIR"/
ln -s "$HOME_DIR/bin/ollama-stack" "$PREFIX/bin/ollama-stack"
cp "$HERE/share/completions/ollama-stack.bash" "$BASH_DIR/ollama-stack"
cp "$HERE/share/completions/ollama-stack.zsh" "$ZSH_DIR/_ollama-stack"
cp "$HERE/share/completions/ollama-stack.fish" "$FISH_DIR/ollama-stack.fish"
cp "$HERE"/share/man/man1/*.1 "$MAN_DIR"/
echo "installed ollama-stack $(cat "$HERE/VERSION") in $PREFIX"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "note: add $PREFIX/bin to your PATH" ;; esac
