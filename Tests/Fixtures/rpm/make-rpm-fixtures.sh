#!/bin/sh
# Regenerates the rpm database fixtures beside this script with Debian's own rpm tools:
#   apt-get install rpm db5.3-util sqlite3
# 1. rpmbuild builds two real binary RPMs from one spec (fixture-tool with an epoch and 300 files,
#    so its header is larger than a Berkeley DB page, and its subpackage fixture-tool-libs).
# 2. rpm installs them (--justdb) into a new SQLite rpmdb: sqlite/var/lib/rpm/rpmdb.sqlite.
# 3. Their header blobs, as rpm stored them, are loaded into a Berkeley DB hash database with
#    db5.3_load (key: the header number, 4 bytes little-endian, as rpm's BDB backend writes on x86):
#    bdb/var/lib/rpm/Packages. rpm itself then reads it back (`_db_backend bdb_ro`) as a check.
# Debian's rpm 4.18 is built without the NDB backend, so no Packages.db can be made here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000

mkdir -p "$work/SPECS"
cat > "$work/SPECS/fixture-tool.spec" <<'SPEC'
Name:           fixture-tool
Epoch:          2
Version:        1.4.2
Release:        3.fx1
Summary:        Fixture package for scout-report's rpm cataloger tests
License:        MIT AND (BSD-3-Clause OR GPL-2.0-or-later)
Vendor:         scout-report fixtures
BuildArch:      noarch

%description
A package that exists only to be recorded in rpm databases.

%package libs
Summary:        Fixture subpackage
License:        MIT

%description libs
The libraries subpackage of fixture-tool.

%install
mkdir -p %{buildroot}/usr/share/fixture-tool %{buildroot}/usr/lib/fixture-tool
for i in $(seq 1 300); do echo "$i" > %{buildroot}/usr/share/fixture-tool/data-file-with-a-long-name-$i.txt; done
echo lib > %{buildroot}/usr/lib/fixture-tool/libfixture.txt

%files
/usr/share/fixture-tool

%files libs
/usr/lib/fixture-tool
SPEC
rpmbuild --quiet --define "_topdir $work" --define "_buildhost fixtures" -bb "$work/SPECS/fixture-tool.spec"

sqlite_db="$here/sqlite/var/lib/rpm"
rm -rf "$sqlite_db" && mkdir -p "$sqlite_db"
rpm --dbpath "$sqlite_db" --define "_db_backend sqlite" --initdb
rpm --dbpath "$sqlite_db" --define "_db_backend sqlite" -i --justdb --nodeps --noscripts "$work"/RPMS/noarch/*.rpm
rm -f "$sqlite_db/.rpm.lock" "$sqlite_db"/rpmdb.sqlite-shm "$sqlite_db"/rpmdb.sqlite-wal

# Page size 4096 (rpm's usual): both headers go to overflow pages. Page size 16384: the small header
# is stored inline on the hash page (an H_KEYDATA item), the big one on overflow pages.
for variant in bdb:4096 bdb-16k:16384; do
bdb_db="$here/${variant%%:*}/var/lib/rpm"
rm -rf "$bdb_db" && mkdir -p "$bdb_db"
{
    printf 'VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=%s\nHEADER=END\n' "${variant#*:}"
    sqlite3 "$sqlite_db/rpmdb.sqlite" "SELECT hnum, hex(blob) FROM Packages ORDER BY hnum" | while IFS='|' read -r hnum blob; do
        printf ' %02x%02x%02x%02x\n' $((hnum & 255)) $((hnum >> 8 & 255)) $((hnum >> 16 & 255)) $((hnum >> 24 & 255))
        printf ' %s\n' "$(echo "$blob" | tr 'A-F' 'a-f')"
    done
    printf 'DATA=END\n'
} > "$work/packages.dump"
db5.3_load -f "$work/packages.dump" "$bdb_db/Packages"

echo "rpm reads the Berkeley DB ($variant) back:"
rpm --dbpath "$bdb_db" --define "_db_backend bdb_ro" -qa --qf '%{NAME} %{EPOCH}:%{VERSION}-%{RELEASE} %{SOURCERPM}\n' 2>/dev/null | sort
rm -f "$bdb_db/.rpm.lock" "$bdb_db"/__db.* "$bdb_db"/Index.db 2>/dev/null || true
done
ls -la "$sqlite_db" "$here/bdb/var/lib/rpm" "$here/bdb-16k/var/lib/rpm"
