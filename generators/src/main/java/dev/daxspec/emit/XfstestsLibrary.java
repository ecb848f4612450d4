package dev.daxspec.emit;

/**
 * {@code common/daxspec}, written once beside the tests of an xfstests suite: what the
 * tests need that xfstests' {@code common/} lacks, so no test carries a copy. Proposed for
 * the checkout as it is: the tests source it after {@code common/filter}.
 *
 * <ul>
 *   <li>{@code _daxspec_xfs_io CMD ARGS...}: prints the step as the {@code .out} spells it,
 *       runs {@code $XFS_IO_PROG ARGS} with core dumps off (as common/rc's {@code _mread}
 *       does: a rule may expect xfs_io to die of SIGBUS, and {@code ./check} fails a test
 *       that leaves a core), filters its output through {@code _filter_xfs_io},
 *       {@code _filter_scratch} and {@code _daxspec_filter}, and prints {@code exit N} when
 *       it fails.</li>
 *   <li>{@code _daxspec_trace_xfs_io CMD ARGS...}: the same, then the fs_dax events the step
 *       caused, counted ({@link ProgramScript#faultCounts}), from the test's own ftrace
 *       buffer (upstream's common/tracing).</li>
 *   <li>{@code _daxspec_filter}: what those two leave to daxspec's transcript filter
 *       ({@link ShellFilter#awkProgramAfterXfstestsFilters()}).</li>
 *   <li>{@code _daxspec_require_page_size N}, {@code _daxspec_require_block_size N}:
 *       {@code _notrun} unless the page size, or the scratch filesystem's block size, is the
 *       one the output was predicted for ({@code _scratch_mkfs_sized} takes a block size in
 *       MKFS_OPTIONS over the one it is given).</li>
 *   <li>{@code _daxspec_require_no_dax_device}: {@code _notrun} on a scratch device with DAX
 *       (a partition's disk counts).</li>
 *   <li>{@code daxspec_fill N}: leaves N blocks free ({@link ProgramScript#fillFunctions}).</li>
 * </ul>
 */
final class XfstestsLibrary {

    /** Where the file goes, in the suite and in the checkout. */
    static final String PATH = "common/daxspec";

    private XfstestsLibrary() {}

    static String text() {
        return """
                ##/bin/bash
                # SPDX-License-Identifier: GPL-2.0
                # Copyright (c) YEAR The daxspec authors.  All Rights Reserved.
                #
                # Helpers of the tests daxspec generates from its specification of file, mmap and
                # DAX semantics: each test runs xfs_io steps and compares their output with what
                # daxspec's reference model predicts for a correct kernel.
                #
                # $AWK_PROG and $XFS_IO_PROG come from common/rc; the awk programs are in single quotes.
                # shellcheck shell=bash disable=SC2154,SC2016

                # What _filter_xfs_io and _filter_scratch leave to a test, as daxspec's transcript
                # filter does it: stat times and device numbers as X; fiemap tables in
                # _filter_fiemap's form (which reads nothing but "fiemap -v" rows: here fiemap
                # output comes between other commands' output); of stat and statx output only
                # the fields the tests observe (OBSERVED), the others change with xfsprogs, the
                # kernel and MKFS_OPTIONS; a run of repeated rows of a "pread -v" dump as "*",
                # as od(1) prints it.
                _daxspec_filter()
                {
                	"$AWK_PROG" AWK
                }

                # Runs xfs_io with the arguments, filters its output, and returns its exit
                # status. xfs_io runs with core dumps off, as _mread runs it: a step may die of
                # SIGBUS where the rule expects it, and ./check fails a test that leaves a core.
                # Bash's report of the signal ("Bus error") goes to /dev/null. With --probe
                # first, src/daxspec-probe runs instead: xfs_io's commands, and mmap -p for a
                # private mapping, which xfs_io has not.
                _daxspec_run_xfs_io()
                {
                	# $XFS_IO_PROG is a command and its options: common/rc appends -i (and -F),
                	# and every xfstests test leaves it unquoted.
                	local prog=$XFS_IO_PROG
                	if [ "$1" = "--probe" ]; then
                		prog=$here/src/daxspec-probe
                		shift
                	fi
                	# shellcheck disable=SC2086
                	{ (ulimit -c 0; exec $prog "$@" 2>&1); } 2>/dev/null | \\
                		_filter_xfs_io | _filter_scratch | _daxspec_filter
                	return "${PIPESTATUS[0]}"
                }

                # Prints a step as the expected output spells it ($1), runs xfs_io with the other
                # arguments and prints "exit N" when it fails.
                _daxspec_xfs_io()
                {
                	echo "\\$ $1"
                	shift
                	_daxspec_run_xfs_io "$@" || echo "exit $?"
                }

                # As _daxspec_xfs_io, then the fs_dax events the step caused, counted, from the
                # test's own ftrace buffer (common/tracing: _ftrace_setup, then
                # _ftrace_record_events 'dax_*'), before "exit N".
                _daxspec_trace_xfs_io()
                {
                	local ret=0
                	echo "\\$ $1"
                	shift
                	echo > "$FTRACE_DIR/trace"
                	_daxspec_run_xfs_io "$@" || ret=$?
                	_ftrace_dump | _daxspec_fault_counts
                	if [ "$ret" -ne 0 ]; then echo "exit $ret"; fi
                }

                # After _require_ftrace: the kernel has the fs_dax tracepoints.
                _daxspec_require_fs_dax_events()
                {
                	[ -d "$FTRACE_ROOT/events/fs_dax" ] || \\
                		_notrun "no fs_dax tracepoints in $FTRACE_ROOT (CONFIG_FS_DAX)"
                }

                # Reads an fs_dax trace and prints it counted as daxspec's oracle does: the
                # *_done, load_hole and pfn_mkwrite events by result, less PMD fallbacks for
                # ranges outside the mapping (PMD_SIZE is 2 MiB on x86-64).

                _daxspec_require_page_size()
                {
                	[ "$(_get_page_size)" = "$1" ] || \\
                		_notrun "daxspec predicted this output for $1-byte pages"
                }

                # After _scratch_mount: _scratch_mkfs_sized takes a block size in MKFS_OPTIONS
                # over the one it is given.
                _daxspec_require_block_size()
                {
                	[ "$(_get_block_size "$SCRATCH_MNT")" = "$1" ] || \\
                		_notrun "daxspec predicted this output for $1-byte blocks"
                }

                # Before a mount the rule says the kernel refuses, so with no mount to ask: the
                # block size _scratch_mkfs_sized gave the scratch filesystem.
                _daxspec_require_mkfs_block_size()
                {
                	local bs
                	case "$FSTYP" in
                	xfs)
                		bs=$(_scratch_xfs_get_sb_field blocksize) ;;
                	ext2|ext3|ext4)
                		bs=$("$DUMPE2FS_PROG" -h "$SCRATCH_DEV" 2>/dev/null | sed -n 's/^Block size: *//p') ;;
                	*)
                		_notrun "daxspec reads the block size of xfs and ext2, ext3, ext4 only" ;;
                	esac
                	[ "$bs" = "$1" ] || \\
                		_notrun "daxspec predicted this output for $1-byte blocks"
                }

                # Mounts the scratch filesystem with the options given, as _scratch_mount takes
                # them, where the rule says the kernel refuses: prints "mount refused", or
                # "mounted" (and unmounts) when it mounts.
                _daxspec_mount_refused()
                {
                	if _try_scratch_mount "$@" >> "$seqres.full" 2>&1; then
                		echo "mounted"
                		_scratch_unmount
                	else
                		echo "mount refused"
                	fi
                }

                # Prints "kernel: $1" when the kernel has logged the message $1 (a fixed string,
                # without the prefix that names the device) since the test began.
                _daxspec_kernel_logged()
                {
                	if _dmesg_since_test_start | grep -F -q -- "$1"; then
                		echo "kernel: $1"
                	fi
                }

                # For a test whose output is for a device without DAX: on one with DAX it
                # differs. A partition has no queue/dax of its own; its disk's counts.
                _daxspec_require_no_dax_device()
                {
                	local sysfs
                	sysfs=/sys/class/block/$(_short_dev "$SCRATCH_DEV")
                	if [ "$(cat "$sysfs/queue/dax" "$sysfs/../queue/dax" 2>/dev/null)" = 1 ]; then
                		_notrun "daxspec predicted this output for a device without DAX; $SCRATCH_DEV has DAX"
                	fi
                }

                """.replace("YEAR", Integer.toString(XfstestsSuite.COPYRIGHT_YEAR))
                        .replace("OBSERVED", String.join(", ", ObservedStat.FIELDS))
                        .replace("AWK\n", ShellQuote.single(ShellFilter.awkProgramAfterXfstestsFilters()) + "\n")
                + ProgramScript.faultCounts("_daxspec_fault_counts", "\"$AWK_PROG\"") + "\n"
                + ProgramScript.fillFunctions("$XFS_IO_PROG", "$(_short_dev \"$SCRATCH_DEV\")");
    }
}
