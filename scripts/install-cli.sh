#!/usr/bin/env bash
# Puts the `foreman` command on the PATH, offline from this repository with only the .NET SDK: publishes the app
# (framework-dependent, from the NuGet cache a build filled) into PREFIX/share/foreman and writes PREFIX/bin/foreman,
# which runs it. PREFIX is ~/.local unless --prefix says otherwise. When PREFIX/bin is not on the PATH, a line that
# adds it goes into ~/.profile (and ~/.bash_profile when there is one) unless --no-modify-path.
#   scripts/install-cli.sh                       # then, in a new shell: foreman --help
#   scripts/install-cli.sh --prefix /opt/foreman --no-modify-path
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="$HOME/.local"
modify_path=true
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --no-modify-path) modify_path=false; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-cli: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
command -v dotnet >/dev/null 2>&1 || { echo "install-cli: the .NET SDK (dotnet) is needed on the PATH" >&2; exit 1; }

prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd)
app="$prefix/share/foreman"
bin="$prefix/bin"
mkdir -p "$prefix/share" "$bin"

# Published beside the old copy, then swapped, so a failed publish leaves the installed one working.
rm -rf "$app.new"
dotnet publish src/Foreman/Foreman.csproj -c Release -o "$app.new" --nologo -v quiet
rm -rf "$app"
mv "$app.new" "$app"

# The launcher names the runtime this SDK brought, so it works where DOTNET_ROOT is unset (a login shell, cron, env -i).
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
cat > "$bin/foreman.new" <<LAUNCHER
#!/bin/sh
# Written by scripts/install-cli.sh; the app is in $app.
DOTNET_ROOT="\${DOTNET_ROOT:-$dotnet_root}" exec "$app/foreman" "\$@"
LAUNCHER
chmod +x "$bin/foreman.new"
mv "$bin/foreman.new" "$bin/foreman"
echo "installed $bin/foreman ($app)"

case ":$PATH:" in
  *":$bin:"*) exit 0 ;;
esac
if [ "$modify_path" = false ]; then
  echo "add $bin to your PATH: export PATH=\"$bin:\$PATH\""
  exit 0
fi
line="export PATH=\"$bin:\$PATH\"  # foreman (scripts/install-cli.sh)"
profiles=("$HOME/.profile")
[ -f "$HOME/.bash_profile" ] && profiles+=("$HOME/.bash_profile")
for profile in "${profiles[@]}"; do
  grep -qsF "$line" "$profile" || printf '\n%s\n' "$line" >> "$profile"
done
echo "added $bin to the PATH in ${profiles[*]}; open a new shell (or run: export PATH=\"$bin:\$PATH\")"
