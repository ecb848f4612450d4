package dev.daxspec.emit;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel fixes the features' scenarios guard: the one table the emitters' fixed-by
 * commits come from ({@link FeatureTestCases}). A scenario is here when a kernel in use
 * departed from its rule and a commit in Linus' tree makes it hold; a rule that is a design
 * decision argued in a thread, with no single fix, cites its thread only (docs/threads.md).
 *
 * <p>Each commit was checked against the kernel's history, not taken from memory:
 *
 * <ul>
 *   <li>c7fc0366c656 "ext4: partial zero eof block on unaligned inode size extension" (Brian
 *       Foster, "[PATCH 0/2] ext4, mm: improve partial inode eof zeroing", linux-ext4, 19 Sep
 *       2024, https://lore.kernel.org/r/20240919160741.208162-1-bfoster@redhat.com; the id
 *       from the 6.6-stable backport's "[ Upstream commit c7fc0366c65628fd69bfc310affec4918199aae2 ]"
 *       and the Fixes: trailer of Baokun Li's follow-up, Link
 *       https://patch.msgid.link/20250213112247.3168709-1-libaokun@huaweicloud.com). Its log
 *       shows the deviation ext4-b6 records on 6.1 ("pwrite 0 2k", "mwrite 2k 2k", "truncate
 *       8k": the stored bytes read back). It zeroes the old EOF block in ext4_setattr() on
 *       truncate up (ext4_block_truncate_page(), which zeroes through DAX too) and in the
 *       buffered write_end paths; a DAX write past EOF (ext4_dax_write_iter()) has no
 *       write_end, so that scenario (mmap-eof_partial_block-65) is not listed.
 * </ul>
 */
public final class KernelFixes {

    private static final KernelFix EXT4_EOF_BLOCK_ZEROING =
            new KernelFix("c7fc0366c656", "ext4: partial zero eof block on unaligned inode size extension", "ext4");

    /** Scenario id (as {@link FeatureTestCases} names it) to the fix it guards. */
    private static final Map<String, KernelFix> BY_SCENARIO = Map.of(
            // truncate(2) up after a store past EOF, DAX and page cache
            "mmap-eof_partial_block-43", EXT4_EOF_BLOCK_ZEROING,
            "mmap-eof_partial_block-44", EXT4_EOF_BLOCK_ZEROING,
            // a buffered write past EOF after a store past EOF
            "mmap-eof_partial_block-66", EXT4_EOF_BLOCK_ZEROING,
            // fsync, then truncate(2) up, DAX
            "mmap-eof_partial_block-87", EXT4_EOF_BLOCK_ZEROING);

    private KernelFixes() {}

    /** The fix scenario {@code id} guards, if any. */
    public static Optional<KernelFix> forScenario(String id) {
        return Optional.ofNullable(BY_SCENARIO.get(id));
    }

    /** The scenarios the table names, for a test that each still exists. */
    static Set<String> scenarios() {
        return BY_SCENARIO.keySet();
    }
}
