package dev.daxspec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code series --explore} on real kernels: the installed kernel as both base and head, each
 * in its own VMs, running at the same time. The same kernel must give the same transcript for
 * every program, mappings and DAX included (crashes are left out: what a crash keeps of the
 * page cache is the kernel's choice, which the oracle allows either way): a difference here would be the harness's
 * (state left from an earlier program, output lost under load), and would make every report
 * of a real series untrustworthy. The VMs start from the user's snapshot cache, as the
 * commands' do.
 */
@Tag("vm")
class KernelChangesVmTest {

    @TempDir
    Path dir;

    @Test
    void theSameKernelOnBothSidesChangesNothing() throws IOException {
        KernelBuild kernel = KernelBuild.newestInstalled();
        List<Target> targets = List.of(
                Target.builder()
                        .fs(Filesystem.EXT4)
                        .device(DeviceKind.PMEM)
                        .mount(MountOptions.parse("dax=always"))
                        .blockSize(4096)
                        .build(),
                Target.builder()
                        .fs(Filesystem.XFS)
                        .device(DeviceKind.BRD)
                        .mount(MountOptions.parse("defaults"))
                        .blockSize(4096)
                        .build());
        KernelChanges.Plan plan = new KernelChanges.Plan(
                targets, Vocabulary.ALL.withoutCrash(), Set.of(), 5, 8, 24, 0, 10, dir.resolve("out"));
        StringWriter progress = new StringWriter();
        try (Backend base = backend(kernel);
                Backend head = backend(kernel)) {
            KernelChanges.Result r = KernelChanges.run(
                    plan, base, head, Kernel.CORRECT.withProfile(KernelProfile.DEFAULT), new PrintWriter(progress));

            assertThat(r.changes()).as(r.report()).isZero();
            assertThat(r.report())
                    .as(progress.toString())
                    .contains("24 programs on both: 24 the same, 0 differ," + " 0 flaky, 0 trouble");
        }
    }

    private static Backend backend(KernelBuild kernel) {
        return new QemuBackend(
                kernel,
                new Vm(kernel, VmOptions.defaults().withGuests(1).withSnapshotCache(VmOptions.userSnapshotCache())),
                e -> {},
                KernelProfile.DEFAULT);
    }
}
