# shellcheck shell=bash
# common/daxspec.sh: what every daxspec test does around its program. Sourced by the tests
# and by run.sh; written by 'daxspec generate --format shell'.
#
# A test is run as
#   tests/ID.sh SCRATCH_DEV SCRATCH_MNT [--i-know-this-wipes DEVICE]
# and exits with one of these (its last line says the same in words):
#   0 PASS             the output is the expected output (ID.out, or one of ID.out.N)
#   1 FAIL             it is not; the diff against ID.out is printed
#   2 NOTRUN           the machine, device or tools cannot do what the test needs
#   3 KNOWN-DEVIATION  the output is a recorded departure of real kernels (ID.deviation.N)
#   4 REFUSED          bad arguments, or a scratch device or mount point that is not safe
#                      to use; nothing was written
#
# Safety: SCRATCH_DEV must be a brd (/dev/ramN) or pmem (/dev/pmemN) block device, or the
# device that --i-know-this-wipes names; it must not be mounted (nor a partition of it), be
# swap, be held by another device (dm, md), or hold /. SCRATCH_MNT must be an existing
# directory that is not / and has nothing mounted on it. A test writes only to the
# filesystem it makes on SCRATCH_DEV, plus one mark line to /dev/kmsg.

daxspec_id=${daxspec_id:-daxspec}
daxspec_kname=""
daxspec_deviations=()
# The suite's top directory. This file is sourced as DIR/../common/daxspec.sh, so its path
# has a slash. Here and below, what a shell builtin can do is not given to another
# process: each one costs a test several milliseconds on an emulated CPU.
daxspec_top=${BASH_SOURCE[0]%/*}/..
case $daxspec_top in
/*) ;;
*) daxspec_top=$PWD/$daxspec_top ;;
esac
# Programs the suite builds (src/daxspec-probe, by run.sh or 'make -C src') come first.
PATH=$daxspec_top/src:$PATH

daxspec_refuse() {
	echo "REFUSED $daxspec_id: $*"
	exit 4
}

daxspec_notrun() {
	echo "NOTRUN $daxspec_id: $*"
	exit 2
}

# daxspec_majmin PATH: sets daxspec_mm to the MAJ:MIN of a block device node, in decimal.
daxspec_majmin() {
	local hex
	hex=$(stat -L -c '%t %T' -- "$1") || return 1
	daxspec_mm=$((16#${hex% *})):$((16#${hex#* }))
}

# daxspec_realpath PATH: sets daxspec_real to the absolute PATH with its symbolic links, . and
# .. resolved, as readlink -f does, and fails (with daxspec_real empty) where readlink -f would.
# Unless PATH itself is a link, the shell does it: cd -P resolves the directories.
daxspec_realpath() {
	local here=$PWD dir base=""
	daxspec_real=""
	if [ -L "$1" ]; then
		daxspec_real=$(readlink -f -- "$1")
		[ -n "$daxspec_real" ]
		return
	fi
	if [ -d "$1" ]; then
		dir=$1
	else
		base=/${1##*/}
		case $1 in
		*/*) dir=${1%/*}/ ;;
		*) dir=. ;;
		esac
	fi
	# CDPATH would send a relative directory elsewhere, and make cd print it.
	CDPATH='' cd -P -- "$dir" 2>/dev/null || return 1
	daxspec_real=${PWD%/}$base
	[ -n "$daxspec_real" ] || daxspec_real=/
	CDPATH='' cd -- "$here" || return 1
}

# The sysfs directory of the block devices and their partitions, by kernel name.
daxspec_sysfs_block=/sys/class/block

# daxspec_related NAME: sets daxspec_parts to the kernel names of the device NAME and of
# its partitions (pmem0, pmem0p1, ...).
daxspec_related() {
	local d
	daxspec_parts=("$1")
	for d in "$daxspec_sysfs_block/$1/$1"*; do
		if [ -r "$d/dev" ]; then daxspec_parts+=("${d##*/}"); fi
	done
}

# daxspec_devname MAJ:MIN: sets daxspec_name to the kernel's name of that block device
# (its uevent's DEVNAME), or to nothing when there is none.
daxspec_devname() {
	local key value
	daxspec_name=""
	[ -r "/sys/dev/block/$1/uevent" ] || return 0
	while IFS='=' read -r key value; do
		if [ "$key" = DEVNAME ]; then daxspec_name=$value; fi
	done <"/sys/dev/block/$1/uevent"
}

# daxspec_check_safe DEV MNT [WIPES]: refuses (exit 4) unless DEV and MNT are safe to use;
# then sets SCRATCH_DEV and SCRATCH_MNT to their real paths and daxspec_kname to the
# device's kernel name.
daxspec_check_safe() {
	local dev=$1 mnt=$2 wipes=${3:-} real name majmin part mm src mp holders
	case $dev in
	/*) ;;
	*) daxspec_refuse "SCRATCH_DEV must be an absolute path, not '$dev'" ;;
	esac
	[ -b "$dev" ] || daxspec_refuse "$dev is not a block device"
	daxspec_realpath "$dev" || daxspec_refuse "cannot resolve $dev"
	real=$daxspec_real
	[ -b "$real" ] || daxspec_refuse "$dev resolves to $real, which is not a block device"
	name=${real##*/}
	daxspec_majmin "$real" || daxspec_refuse "cannot read the device numbers of $real"
	majmin=$daxspec_mm
	daxspec_devname "$majmin"
	# A node named like a safe device but made with another device's numbers is refused.
	[ "$daxspec_name" = "$name" ] ||
		daxspec_refuse "$real is device $majmin, which the kernel calls '$daxspec_name', not '$name'"
	if [ -n "$wipes" ]; then
		if ! daxspec_realpath "$wipes" || [ "$daxspec_real" != "$real" ]; then
			daxspec_refuse "--i-know-this-wipes names $wipes, not the scratch device $dev"
		fi
	elif ! [[ $name =~ ^(ram[0-9]+|pmem[0-9]+(\.[0-9]+)?s?)$ ]]; then
		daxspec_refuse "$dev is not a brd (/dev/ramN) or pmem (/dev/pmemN) device; everything on it would be lost: name it with --i-know-this-wipes $dev to use it anyway"
	fi
	# The disk and each of its partitions: none may be held (dm, md), mounted, swap or /.
	daxspec_related "$name"
	for part in "${daxspec_parts[@]}"; do
		read -r mm <"$daxspec_sysfs_block/$part/dev"
		# The device itself, or which of its partitions.
		if [ "$part" = "$name" ]; then what="$real (device $mm)"; else what="$real (its partition $part, device $mm)"; fi
		holders=("$daxspec_sysfs_block/$part/holders"/*)
		[ ! -e "${holders[0]}" ] ||
			daxspec_refuse "$what is held by another device:" "${holders[@]##*/}"
		while read -r _ _ src _ mp _; do
			if [ "$src" = "$mm" ] && [ "$mp" = / ]; then daxspec_refuse "$what holds /"; fi
			[ "$src" != "$mm" ] || daxspec_refuse "$what is mounted on $mp"
		done </proc/self/mountinfo
		while read -r src _; do
			case $src in
			/*)
				! daxspec_majmin "$src" 2>/dev/null || [ "$daxspec_mm" != "$mm" ] ||
					daxspec_refuse "$what is in use as swap"
				;;
			esac
		done </proc/swaps
	done
	while read -r src _; do
		case $src in
		/*) ! daxspec_realpath "$src" || [ "$daxspec_real" != "$real" ] || daxspec_refuse "$real is mounted" ;;
		esac
	done </proc/mounts
	case $mnt in
	/*) ;;
	*) daxspec_refuse "SCRATCH_MNT must be an absolute path, not '$mnt'" ;;
	esac
	case $mnt in
	*[[:space:]\\]*) daxspec_refuse "SCRATCH_MNT must not contain white space or backslashes" ;;
	esac
	[ -d "$mnt" ] || daxspec_refuse "$mnt is not a directory"
	daxspec_realpath "$mnt" || daxspec_refuse "cannot resolve $mnt"
	mnt=$daxspec_real
	[ "$mnt" != / ] || daxspec_refuse "SCRATCH_MNT must not be /"
	while read -r _ _ _ _ mp _; do
		[ "$mp" != "$mnt" ] || daxspec_refuse "something is mounted on $mnt already"
	done </proc/self/mountinfo
	SCRATCH_DEV=$real
	SCRATCH_MNT=$mnt
	daxspec_kname=$name
}

# daxspec_begin ID ARGS...: the start of every test: parses the arguments, refuses unsafe
# ones, and unmounts the scratch mount on the way out if the test left it mounted.
daxspec_begin() {
	daxspec_id=$1
	shift
	if [ $# -eq 4 ] && [ "$3" = --i-know-this-wipes ]; then
		daxspec_check_safe "$1" "$2" "$4"
	elif [ $# -eq 2 ]; then
		daxspec_check_safe "$1" "$2"
	else
		daxspec_refuse "usage: $daxspec_id.sh SCRATCH_DEV SCRATCH_MNT [--i-know-this-wipes DEVICE]"
	fi
	trap daxspec_cleanup EXIT
	trap 'exit 1' HUP INT TERM
}

daxspec_cleanup() {
	local mp
	# The tracing instance of a traced step (daxspec_trace) that was interrupted.
	if [ -d "/sys/kernel/tracing/instances/daxspec-$$" ]; then
		rmdir "/sys/kernel/tracing/instances/daxspec-$$" 2>/dev/null
	fi
	while read -r _ _ _ _ mp _; do
		if [ "$mp" = "$SCRATCH_MNT" ]; then
			umount "$SCRATCH_MNT" 2>/dev/null
			return
		fi
	done </proc/self/mountinfo
}

daxspec_require_root() {
	[ "$EUID" = 0 ] || daxspec_notrun "needs root to make and mount filesystems"
}

# daxspec_require_commands CMD...: each must be on PATH.
daxspec_require_commands() {
	local c missing=""
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
	done
	[ -z "$missing" ] || daxspec_notrun "missing commands:$missing"
}

# daxspec_require_fs_dax_events: tracefs mounted with the fs_dax events and trace
# instances, which daxspec_trace uses.
daxspec_require_fs_dax_events() {
	if ! [ -w /sys/kernel/tracing/events/fs_dax/enable ] || ! [ -d /sys/kernel/tracing/instances ]; then
		daxspec_notrun "needs the fs_dax tracepoints in /sys/kernel/tracing (CONFIG_FS_DAX, tracefs mounted)"
	fi
}

# daxspec_page_size: sets daxspec_page to the kernel's page size in bytes, from the first
# mapping's KernelPageSize in /proc/self/smaps (read by the shell: getconf is not in every
# guest, and each is a process), or to nothing when there is none.
daxspec_page_size() {
	local key kib _
	daxspec_page=""
	while read -r key kib _; do
		if [ "$key" = KernelPageSize: ]; then
			daxspec_page=$((kib * 1024))
			return
		fi
	done </proc/self/smaps
}

# daxspec_require_page_size N: the expected output is for pages of N bytes.
daxspec_require_page_size() {
	daxspec_page_size
	[ "$daxspec_page" = "$1" ] || daxspec_notrun "the expected output is for $1-byte pages; this kernel has ${daxspec_page:-unknown}-byte pages"
}

daxspec_device_has_dax() {
	local dir=$daxspec_sysfs_block/$daxspec_kname dax
	# A partition has no queue of its own: its disk's is one level up.
	if [ ! -r "$dir/queue/dax" ]; then dir=$dir/..; fi
	read -r dax 2>/dev/null <"$dir/queue/dax" && [ "$dax" = 1 ]
}

daxspec_require_dax_device() {
	daxspec_device_has_dax || daxspec_notrun "needs a device with DAX (pmem); $SCRATCH_DEV has none"
}

daxspec_require_no_dax_device() {
	! daxspec_device_has_dax ||
		daxspec_notrun "the expected output is for a device without DAX (brd); $SCRATCH_DEV has DAX"
}

# daxspec_require_device_size BYTES: the test makes a filesystem of BYTES.
daxspec_require_device_size() {
	local sectors
	read -r sectors <"$daxspec_sysfs_block/$daxspec_kname/size"
	[ "$((sectors * 512))" -ge "$1" ] ||
		daxspec_notrun "needs a device of at least $1 bytes; $SCRATCH_DEV has $((sectors * 512))"
}

# daxspec_require_fs FS: the kernel can mount FS (built in, loaded, or loadable).
daxspec_require_fs() {
	local line
	while read -r line; do
		if [ "${line#nodev	}" = "$1" ]; then return; fi
	done </proc/filesystems
	modprobe -n -q "fs-$1" 2>/dev/null || daxspec_notrun "the kernel cannot mount $1"
}

# The expected output of an ext2 test is ext2 as the ext4 driver mounts it
# (CONFIG_EXT4_USE_FOR_EXT2); the ext2 driver prints other kernel messages.
daxspec_require_ext2_by_ext4() {
	[ ! -d /sys/module/ext2 ] ||
		daxspec_notrun "the ext2 driver is loaded; the expected output is for ext2 mounted by the ext4 driver"
}

# daxspec_require_xfs_io_commands 'CMD [FLAG...]'...: xfs_io knows each CMD and each of its
# FLAGs (CMD's help mentions them). One xfs_io process prints every CMD's help, in the
# order asked: each help starts with a line of its own at the left margin (the usage,
# "fiemap [-alv] [-n nx] [offset [len]] -- ...", or "command CMD not found"), and the rest
# of it is indented or empty.
daxspec_require_xfs_io_commands() {
	local spec line re flag i=-1 args=() helps=()
	for spec in "$@"; do
		args+=(-c "help ${spec%% *}")
	done
	while IFS= read -r line; do
		case $line in
		"" | [[:space:]]*) ;;
		*) i=$((i + 1)) ;;
		esac
		if [ "$i" -ge 0 ]; then helps[i]+="$line"$'\n'; fi
	done <<<"$(xfs_io "${args[@]}" 2>&1)"
	i=0
	for spec in "$@"; do
		case ${helps[i]:-} in
		"command ${spec%% *} not found"* | "") daxspec_notrun "xfs_io has no ${spec%% *} command" ;;
		esac
		for flag in ${spec#"${spec%% *}"}; do
			re="(^|[^[:alnum:]-])$flag([^[:alnum:]]|\$)"
			[[ ${helps[i]} =~ $re ]] || daxspec_notrun "xfs_io's ${spec%% *} has no $flag option"
		done
		i=$((i + 1))
	done
}

# daxspec_known_deviation WHY: the next recorded deviation (ID.deviation.1, .2, ...) is
# explained by WHY.
daxspec_known_deviation() {
	daxspec_deviations+=("$1")
}

# daxspec_check GOLDEN_KNAME: runs daxspec_program, filters its transcript and compares
# it with the expected output; exits with the verdict. GOLDEN_KNAME is the device name
# the expected output's kernel lines have.
daxspec_check() {
	local golden=$1 dir=$daxspec_top/tests actual f i
	[ -d "$dir" ] || daxspec_refuse "cannot find the tests directory $dir"
	actual=$(
		# No core files: a step may die of SIGBUS where the rule expects it (as
		# xfstests' _mread, which runs xfs_io with core dumps off).
		ulimit -c 0
		daxspec_program 2>&1 | daxspec_filter "$SCRATCH_MNT" "$SCRATCH_DEV" "$daxspec_kname" "$golden"
		echo x
	)
	actual=${actual%x}
	for f in "$dir/$daxspec_id.out" "$dir/$daxspec_id".out.*; do
		if [ -f "$f" ] && printf '%s' "$actual" | cmp -s - "$f"; then
			echo "PASS $daxspec_id"
			exit 0
		fi
	done
	for i in "${!daxspec_deviations[@]}"; do
		f="$dir/$daxspec_id.deviation.$((i + 1))"
		if [ -f "$f" ] && printf '%s' "$actual" | cmp -s - "$f"; then
			echo "KNOWN-DEVIATION $daxspec_id: ${daxspec_deviations[$i]}"
			exit 3
		fi
	done
	printf '%s' "$actual" | diff -u -L "expected ($daxspec_id.out)" -L "actual" "$dir/$daxspec_id.out" -
	echo "FAIL $daxspec_id"
	exit 1
}
