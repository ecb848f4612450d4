package dev.daxspec.oracle.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.fs.SysRet;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import dev.daxspec.oracle.xfsio.CommandParser;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.xfsio.XfsIo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** B7 and B5: what survives a crash or a remount, and which outcomes the oracle allows. */
class PersistenceRulesTest {

    private static final Target EXT4_DAX =
            Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);
    private static final Target XFS_DAX =
            Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);
    private static final Target EXT4_PAGE_CACHE =
            Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_NEVER, 4096, 4096);

    /** {@code "crash"}, {@code "remount"}, or {@code "[-f] CMD; CMD; ..."} run on file f. */
    private static Program program(Target t, String... steps) {
        CommandParser p = XfsIo.parserFor(t);
        List<Step> out = new ArrayList<>();
        for (String s : steps) {
            if (s.equals("crash")) {
                out.add(new CrashStep());
            } else if (s.equals("remount")) {
                out.add(new RemountStep());
            } else {
                boolean create = s.startsWith("-f ");
                List<Op> ops = new ArrayList<>();
                for (String c : (create ? s.substring(3) : s).split(";")) {
                    ops.add(p.parse(c.strip()));
                }
                out.add(new XfsIoStep(new Invocation(create, false, "f", ops)));
            }
        }
        return new Program(t, out);
    }

    private static List<String> outcomes(Kernel k, Program p) {
        return ProgramRunner.outcomes(p, k).stream().map(Transcript::text).toList();
    }

    /** ext2 has no journal: the mount after a crash finds the filesystem not cleanly unmounted, and says so. */
    @Test
    void aMountAfterACrashWarnsOfAnUncheckedFilesystemOnlyWithoutAJournal() {
        String warning = "kernel: EXT4-fs (pmem0): warning: mounting unchecked fs, running e2fsck is recommended\n";
        Target ext2 = Targets.target(Filesystem.EXT2, DeviceKind.PMEM, MountOptions.NONE, 4096, 4096);
        List<String> crashed =
                outcomes(Kernel.CORRECT, program(ext2, "-f pwrite -S 0x61 0 4k; fsync", "crash", "stat"));
        assertThat(crashed).allSatisfy(t -> assertThat(t).containsOnlyOnce(warning));
        assertThat(outcomes(Kernel.CORRECT, program(ext2, "-f pwrite -S 0x61 0 4k; fsync", "remount", "stat")))
                .allSatisfy(t -> assertThat(t).doesNotContain("unchecked"));
        for (Target t : List.of(EXT4_DAX, XFS_DAX, EXT4_PAGE_CACHE)) {
            assertThat(outcomes(Kernel.CORRECT, program(t, "-f pwrite -S 0x61 0 4k; fsync", "crash", "stat")))
                    .as(t.toString())
                    .allSatisfy(o -> assertThat(o).doesNotContain("unchecked"));
        }
    }

    /**
     * A clean unmount writes s_state back as the mount found it (ext4_put_super()), so ext2
     * stays unchecked after a crash: the mount after a remount warns again.
     */
    @Test
    void ext2WarnsAtEveryMountAfterACrash() {
        String warning = "kernel: EXT4-fs (pmem0): warning: mounting unchecked fs, running e2fsck is recommended\n";
        Target ext2 = Targets.target(Filesystem.EXT2, DeviceKind.PMEM, MountOptions.NONE, 4096, 4096);
        List<String> remounted =
                outcomes(Kernel.CORRECT, program(ext2, "-f pwrite -S 0x61 0 4k; fsync", "crash", "remount", "stat"));
        assertThat(remounted).isNotEmpty().allSatisfy(t -> {
            int remount = t.lastIndexOf("$ mount -t ext2 ");
            assertThat(t.substring(0, remount)).containsOnlyOnce(warning);
            assertThat(t.substring(remount)).containsOnlyOnce(warning);
        });
        assertThat(outcomes(
                        Kernel.CORRECT, program(EXT4_DAX, "-f pwrite -S 0x61 0 4k; fsync", "crash", "remount", "stat")))
                .allSatisfy(o -> assertThat(o).doesNotContain("unchecked"));
    }

    /** daxspec_fill fills with fallocate, which ext2's block-mapped files do not have. */
    @Test
    void ext2CannotBeFilled() {
        Target ext2 = Targets.target(Filesystem.EXT2, DeviceKind.PMEM, MountOptions.NONE, 4096, 4096);
        Program p = new Program(ext2, List.of(new FillStep(8)));
        assertThatThrownBy(() -> ProgramRunner.outcomes(p, Kernel.CORRECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ext2 cannot be filled");
    }

    @Test
    void whatFsyncMadeDurableSurvivesOneWay() {
        for (Target t : List.of(EXT4_DAX, XFS_DAX, EXT4_PAGE_CACHE)) {
            List<String> o =
                    outcomes(Kernel.CORRECT, program(t, "-f pwrite -S 0x61 0 8k; fsync", "crash", "pread -v 8176 16"));
            assertThat(o).as(t.toString()).hasSize(1);
            assertThat(o.get(0)).contains("00001ff0:  61 61");
        }
    }

    /** Any system call since the last commit may be where the journal stopped. */
    @Test
    void withoutFsyncEveryCommitPointIsAnOutcome() {
        List<String> o = outcomes(Kernel.CORRECT, program(EXT4_DAX, "-f pwrite -S 0x61 0 8k", "crash", "stat"));
        assertThat(o).hasSize(4);
        assertThat(o.get(0)).contains("SCRATCH_MNT/f: No such file or directory");
        assertThat(o)
                .anySatisfy(t -> assertThat(t).contains("stat.size = 0\n"))
                .anySatisfy(t -> assertThat(t).contains("stat.size = 4096\n"))
                .anySatisfy(t -> assertThat(t).contains("stat.size = 8192\n"));
    }

    @Test
    void pageCacheDataNotWrittenBackIsLost() {
        List<String> o = outcomes(
                Kernel.CORRECT, program(EXT4_PAGE_CACHE, "-f pwrite -S 0x61 0 8k", "crash", "stat; pread -v 0 16"));
        assertThat(o).noneSatisfy(t -> assertThat(t).contains("61 61"));
    }

    /**
     * B7 (Jan Kara, "[RFC PATCH 0/7] dax, ext4: Synchronous page faults", 2017): with MAP_SYNC the
     * written block is in the file after any crash.
     */
    @Test
    void mapSyncMakesTheFaultedBlockDurable() {
        for (Target t : List.of(EXT4_DAX, XFS_DAX)) {
            Program sync = program(
                    t, "-f truncate 8k; fsync", "mmap -S 0 8k; mwrite -S 0x62 4096 16", "crash", "pread -v 4096 16");
            assertThat(outcomes(Kernel.CORRECT, sync))
                    .as(t.toString())
                    .hasSize(1)
                    .allSatisfy(s -> assertThat(s).contains("00001000:  62 62"));
            Program plain = program(
                    t, "-f truncate 8k; fsync", "mmap 0 8k; mwrite -S 0x62 4096 16", "crash", "pread -v 4096 16");
            assertThat(outcomes(Kernel.CORRECT, plain))
                    .as(t.toString())
                    .anySatisfy(s -> assertThat(s).contains("00001000:  00 00"))
                    .anySatisfy(s -> assertThat(s).contains("00001000:  62 62"));
            assertThat(outcomes(Kernel.with(Bug.MAP_SYNC_NOT_DURABLE), sync))
                    .as(t.toString())
                    .anySatisfy(s -> assertThat(s).contains("00001000:  00 00"));
        }
    }

    @Test
    void aRemountKeepsEverythingAndStartsCold() {
        List<String> o = outcomes(
                Kernel.CORRECT,
                program(
                        EXT4_PAGE_CACHE,
                        "-f truncate 16k; mmap 0 16k; mwrite -S 0x64 4100 8",
                        "remount",
                        "pread -v 4096 16"));
        assertThat(o).hasSize(1);
        assertThat(o.get(0))
                .contains("$ umount SCRATCH_MNT\n$ mount -t ext4 -o dax=never SCRATCH_DEV SCRATCH_MNT\n")
                .contains("00001000:  00 00 00 00 64 64");
    }

    @Test
    void brdCannotCrash() {
        Target brd = Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);
        assertThatThrownBy(() -> ProgramRunner.outcomes(program(brd, "-f pwrite 0 1", "crash"), Kernel.CORRECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pmem");
    }

    /** daxspec_fill ends with sync: every state a crash may leave holds the filler files. */
    @Test
    void aFillSurvivesEveryCrash() {
        Model m = new Model(EXT4_DAX);
        m.fs.recordCrashStates();
        m.fs.fillTo(100);
        assertThat(m.fs.crash())
                .isNotEmpty()
                .allSatisfy(fs -> assertThat(fs.lookup(".fill0")).isPresent());
    }

    /**
     * sync(2) commits the journal: a crash right after it finds exactly what it covered.
     * fsync(2) returns 0.
     */
    @Test
    void aCrashRightAfterSyncFindsOneState() {
        Model m = new Model(EXT4_DAX);
        m.fs.recordCrashStates();
        m.out("f", "pwrite 0 4k");
        m.fs.sync();
        assertThat(m.fs.crash())
                .hasSize(1)
                .allSatisfy(
                        fs -> assertThat(fs.lookup("f").orElseThrow().size()).isEqualTo(4096));
        assertThat(m.fs.fsync(m.inode("f"))).isEqualTo(SysRet.ZERO);
    }

    /**
     * Between forced commits the journal may have committed any metadata change: a
     * truncate's new size, and the blocks writeback allocated for delayed ones (fiemap
     * writes back without a commit), are each a state a crash may find.
     */
    @Test
    void aTruncateAndAWritebackEachLeaveAStateACrashMayFind() {
        Model cut = new Model(EXT4_DAX);
        cut.out("f", "pwrite 0 8k", "fsync");
        cut.fs.recordCrashStates();
        cut.out("f", "truncate 4k");
        assertThat(cut.fs.crash())
                .extracting(fs -> fs.lookup("f").orElseThrow().size())
                .containsExactly(8192L, 4096L);
        Model wb = new Model(EXT4_PAGE_CACHE);
        wb.out("f", "pwrite 0 4k", "fsync", "pwrite 8k 4k");
        wb.fs.recordCrashStates();
        wb.out("f", "fiemap");
        assertThat(wb.fs.crash())
                .extracting(fs -> fs.lookup("f").orElseThrow().extents().mapped())
                .contains(2L);
    }

    /** After a remount the blocks the files hold are still taken: the free space stays where it was. */
    @Test
    void aRemountKeepsTheFreeSpaceTheFilesTook() {
        Model m = new Model(EXT4_DAX, Kernel.CORRECT, 10);
        m.out("f", "pwrite 0 40k");
        Model after = m.remount();
        assertThat(after.fs.freeBlocks()).isZero();
        assertThat(after.out("f", "pwrite 40k 4k")).isEqualTo("pwrite: No space left on device\n");
    }
}
