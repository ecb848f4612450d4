package dev.daxspec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.emit.SharedFilesystem;
import dev.daxspec.oracle.explore.ProgramGenerator;
import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The screen on Debian's kernel in qemu: programs sharing a filesystem on pmem with DAX print
 * what they print alone, inode numbers aside, and those that must not share (fills, remounts,
 * fault counts) run alone in the same queue. No crashes: what a crash keeps of the page cache is
 * the kernel's choice, which may differ from run to run. Its VMs start from the user's snapshot
 * cache, as the commands' do: it counts no boots. Needs what {@code ci/vm/setup} installs.
 */
@Tag("vm")
class QemuBackendVmTest {

    @Test
    void programsSharingAFilesystemPrintWhatTheyPrintAlone() {
        List<Program> programs = new ArrayList<>();
        for (Filesystem fs : List.of(Filesystem.EXT4, Filesystem.XFS)) {
            Target t = Target.builder()
                    .fs(fs)
                    .device(DeviceKind.PMEM)
                    .mount(MountOptions.parse("dax=always"))
                    .blockSize(4096)
                    .build();
            ProgramGenerator g = new ProgramGenerator(List.of(t), Vocabulary.ALL.withoutCrash(), 8);
            for (long seed = 0; seed < 15; seed++) {
                programs.add(g.program(seed));
            }
        }
        KernelBuild kernel = KernelBuild.newestInstalled();
        List<KernelRun> screened;
        List<KernelRun> alone;
        try (QemuBackend qemu = new QemuBackend(
                kernel,
                new Vm(kernel, VmOptions.defaults().withSnapshotCache(VmOptions.userSnapshotCache())),
                e -> {},
                KernelProfile.DEFAULT)) {
            screened = qemu.screen(programs);
            alone = qemu.run(programs);
        }
        int shared = 0;
        for (int i = 0; i < programs.size(); i++) {
            KernelRun s = screened.get(i);
            assertThat(s.ran()).as(s.trouble()).isTrue();
            assertThat(alone.get(i).ran()).as(alone.get(i).trouble()).isTrue();
            assertThat(s.shared()).isEqualTo(SharedFilesystem.shareable(programs.get(i)));
            assertThat(SharedFilesystem.comparable(s.transcript()))
                    .as(programs.get(i).toString())
                    .isEqualTo(SharedFilesystem.comparable(alone.get(i).transcript()));
            shared += s.shared() ? 1 : 0;
        }
        assertThat(shared).as("programs that shared a filesystem").isBetween(15, programs.size() - 1);
    }
}
