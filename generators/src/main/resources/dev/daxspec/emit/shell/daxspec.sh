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
# Programs the suite builds (src/daxspec-probe, by run.sh or 'make -C src') come first.
PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src:$PATH

daxspec_refuse() {
	echo "REFUSED $daxspec_id: $*"
	exit 4
}

daxspec_notrun() {
	echo "NOTRUN $daxspec_id: $*"
	exit 2
}

# daxspec_majmin PATH: the MAJ:MIN of a block device node, in decimal.
daxspec_majmin() {
	local hex
	hex=$(stat -L -c '%t %T' -- "$1") || return 1
	echo "$((16#${hex% *})):$((16#${hex#* }))"
}

# daxspec_sysfs_block NAME: the sysfs directory of a block device or partition.
daxspec_sysfs_block() {
	echo "/sys/class/block/$1"
}

# daxspec_related NAME: the kernel names of the device NAME and of its partitions
# (pmem0, pmem0p1, ...), one a line.
daxspec_related() {
	local dir d
	dir=$(daxspec_sysfs_block "$1")
	echo "$1"
	for d in "$dir/$1"*; do
		if [ -r "$d/dev" ]; then echo "${d##*/}"; fi
	done
}

# daxspec_check_safe DEV MNT [WIPES]: refuses (exit 4) unless DEV and MNT are safe to use;
# then sets SCRATCH_DEV and SCRATCH_MNT to their real paths and daxspec_kname to the
# device's kernel name.
daxspec_check_safe() {
	local dev=$1 mnt=$2 wipes=${3:-} real name majmin sysname part mm src mp
	case $dev in
	/*) ;;
	*) daxspec_refuse "SCRATCH_DEV must be an absolute path, not '$dev'" ;;
	esac
	[ -b "$dev" ] || daxspec_refuse "$dev is not a block device"
	real=$(readlink -f -- "$dev") || daxspec_refuse "cannot resolve $dev"
	[ -b "$real" ] || daxspec_refuse "$dev resolves to $real, which is not a block device"
	name=${real##*/}
	majmin=$(daxspec_majmin "$real") || daxspec_refuse "cannot read the device numbers of $real"
	sysname=$(readlink -f -- "/sys/dev/block/$majmin") || sysname=""
	# A node named like a safe device but made with another device's numbers is refused.
	[ "${sysname##*/}" = "$name" ] ||
		daxspec_refuse "$real is device $majmin, which the kernel calls '${sysname##*/}', not '$name'"
	if [ -n "$wipes" ]; then
		[ "$(readlink -f -- "$wipes")" = "$real" ] ||
			daxspec_refuse "--i-know-this-wipes names $wipes, not the scratch device $dev"
	elif ! [[ $name =~ ^(ram[0-9]+|pmem[0-9]+(\.[0-9]+)?s?)$ ]]; then
		daxspec_refuse "$dev is not a brd (/dev/ramN) or pmem (/dev/pmemN) device; everything on it would be lost: name it with --i-know-this-wipes $dev to use it anyway"
	fi
	# The disk and each of its partitions: none may be held (dm, md), mounted, swap or /.
	for part in $(daxspec_related "$name"); do
		mm=$(cat "$(daxspec_sysfs_block "$part")/dev")
		# The device itself, or which of its partitions.
		if [ "$part" = "$name" ]; then what="$real (device $mm)"; else what="$real (its partition $part, device $mm)"; fi
		[ -z "$(ls -A "$(daxspec_sysfs_block "$part")/holders" 2>/dev/null)" ] ||
			daxspec_refuse "$what is held by another device:" \
				"$(ls "$(daxspec_sysfs_block "$part")/holders")"
		while read -r _ _ src _ mp _; do
			if [ "$src" = "$mm" ] && [ "$mp" = / ]; then daxspec_refuse "$what holds /"; fi
			[ "$src" != "$mm" ] || daxspec_refuse "$what is mounted on $mp"
		done </proc/self/mountinfo
		while read -r src _; do
			case $src in
			/*)
				[ "$(daxspec_majmin "$src" 2>/dev/null)" != "$mm" ] ||
					daxspec_refuse "$what is in use as swap"
				;;
			esac
		done </proc/swaps
	done
	while read -r src _; do
		case $src in
		/*) [ "$(readlink -f -- "$src")" != "$real" ] || daxspec_refuse "$real is mounted" ;;
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
	mnt=$(readlink -f -- "$mnt") || daxspec_refuse "cannot resolve $mnt"
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
	[ "$(id -u)" = 0 ] || daxspec_notrun "needs root to make and mount filesystems"
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

daxspec_page_size() {
	getconf PAGESIZE 2>/dev/null ||
		awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps
}

# daxspec_require_page_size N: the expected output is for pages of N bytes.
daxspec_require_page_size() {
	local p
	p=$(daxspec_page_size)
	[ "$p" = "$1" ] || daxspec_notrun "the expected output is for $1-byte pages; this kernel has ${p:-unknown}-byte pages"
}

daxspec_device_has_dax() {
	local dir
	dir=$(daxspec_sysfs_block "$daxspec_kname")
	# A partition has no queue of its own: its disk's is one level up.
	[ "$(cat "$dir/queue/dax" "$dir/../queue/dax" 2>/dev/null)" = 1 ]
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
	sectors=$(cat "$(daxspec_sysfs_block "$daxspec_kname")/size")
	[ "$((sectors * 512))" -ge "$1" ] ||
		daxspec_notrun "needs a device of at least $1 bytes; $SCRATCH_DEV has $((sectors * 512))"
}

# daxspec_require_fs FS: the kernel can mount FS (built in, loaded, or loadable).
daxspec_require_fs() {
	grep -q -w "$1" /proc/filesystems || modprobe -n -q "fs-$1" 2>/dev/null ||
		daxspec_notrun "the kernel cannot mount $1"
}

# The expected output of an ext2 test is ext2 as the ext4 driver mounts it
# (CONFIG_EXT4_USE_FOR_EXT2); the ext2 driver prints other kernel messages.
daxspec_require_ext2_by_ext4() {
	[ ! -d /sys/module/ext2 ] ||
		daxspec_notrun "the ext2 driver is loaded; the expected output is for ext2 mounted by the ext4 driver"
}

# daxspec_require_xfs_io_command CMD [FLAG...]: xfs_io knows CMD and each FLAG (its help
# mentions them).
daxspec_require_xfs_io_command() {
	local cmd=$1 help flag
	shift
	help=$(xfs_io -c "help $cmd" 2>&1)
	case $help in
	*"command $cmd not found"* | "") daxspec_notrun "xfs_io has no $cmd command" ;;
	esac
	for flag in "$@"; do
		printf '%s\n' "$help" | grep -q -E -e "(^|[^[:alnum:]-])$flag([^[:alnum:]]|\$)" ||
			daxspec_notrun "xfs_io's $cmd has no $flag option"
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
	local golden=$1 dir actual f i
	dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests" && pwd) || daxspec_refuse "cannot find the tests directory"
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
