#!/bin/bash
# run.sh SCRATCH_DEV SCRATCH_MNT [--i-know-this-wipes DEVICE] [TEST_ID...]
#
# Runs every test in tests/ (or the ones named) on SCRATCH_DEV, mounting it on SCRATCH_MNT,
# and prints each test's verdict (PASS, FAIL with the diff, NOTRUN with the reason,
# KNOWN-DEVIATION), then "N passed, N failed". Known deviations count as passed; tests
# that did not run count as neither. Exit status: 0 when no test failed, 1 when one did,
# 2 when the suite cannot run here (not root, or a command missing: the line names its
# package), 4 when the arguments or the device are refused (see common/daxspec.sh and
# README).
set -u
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) || exit 4
# shellcheck source-path=SCRIPTDIR source=common/daxspec.sh
. "$here/common/daxspec.sh"

daxspec_id=run.sh
if [ $# -lt 2 ]; then
	daxspec_refuse "usage: run.sh SCRATCH_DEV SCRATCH_MNT [--i-know-this-wipes DEVICE] [TEST_ID...]"
fi
[ "$(id -u)" = 0 ] ||
	daxspec_notrun "needs root: each test makes a filesystem on SCRATCH_DEV and mounts it"

# The commands daxspec's tests run, each with the Debian package it comes from.
missing=""
for c in awk cmp diff dmesg mkfs.ext2 mkfs.ext4 mkfs.xfs mount readlink sed stat umount xfs_io; do
	if ! command -v "$c" >/dev/null 2>&1; then
		case $c in
		awk) p="mawk or gawk" ;;
		cmp | diff) p="diffutils" ;;
		dmesg) p="util-linux" ;;
		mount | umount) p="mount" ;;
		readlink | stat) p="coreutils" ;;
		sed) p="sed" ;;
		xfs_io | mkfs.xfs) p="xfsprogs" ;;
		mkfs.ext2 | mkfs.ext4) p="e2fsprogs" ;;
		*) p=$c ;;
		esac
		missing="$missing $c ($p)"
	fi
done
[ -z "$missing" ] || daxspec_notrun "missing commands:$missing"

args=("$1" "$2")
shift 2
if [ $# -ge 2 ] && [ "$1" = --i-know-this-wipes ]; then
	args+=("$1" "$2")
	shift 2
fi
if [ "${#args[@]}" -eq 4 ]; then
	daxspec_check_safe "${args[0]}" "${args[1]}" "${args[3]}"
else
	daxspec_check_safe "${args[0]}" "${args[1]}"
fi

tests=()
if [ $# -eq 0 ]; then
	for t in "$here"/tests/*.sh; do
		tests+=("$t")
	done
else
	for id in "$@"; do
		[ -f "$here/tests/$id.sh" ] || daxspec_refuse "no test $id in $here/tests"
		tests+=("$here/tests/$id.sh")
	done
fi

# daxspec-probe, for private mappings (xfs_io maps MAP_SHARED only): built from
# src/daxspec-probe.c when a test to run needs it; those tests do not run without it.
if grep -q -e '^daxspec_require_commands .*daxspec-probe' "${tests[@]}" &&
	! make -s -C "$here/src" >/dev/null 2>&1; then
	echo "run.sh: cannot build src/daxspec-probe (it needs make, gcc and libc6-dev);" \
		"the tests that run it will not run"
fi

passed=0
failed=0
notrun=0
deviations=0
for t in "${tests[@]}"; do
	bash "$t" "${args[@]}"
	case $? in
	0) passed=$((passed + 1)) ;;
	2) notrun=$((notrun + 1)) ;;
	3)
		passed=$((passed + 1))
		deviations=$((deviations + 1))
		;;
	*) failed=$((failed + 1)) ;;
	esac
done
if [ "$notrun" -gt 0 ] || [ "$deviations" -gt 0 ]; then
	echo "$notrun not run, $deviations known deviations (counted as passed)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
