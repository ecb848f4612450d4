package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelBuildTest {

    @TempDir
    Path root;

    private void install(String release, boolean withModules) throws IOException {
        Files.createDirectories(root.resolve("boot"));
        Files.writeString(root.resolve("boot/vmlinuz-" + release), "image");
        if (withModules) {
            Files.createDirectories(root.resolve("lib/modules/" + release));
        }
    }

    @Test
    void picksTheNewestReleaseThatHasModules() throws IOException {
        install("6.1.0-9-amd64", true);
        install("6.1.0-56-amd64", true);
        install("6.10.0-1-amd64", false);
        Files.writeString(root.resolve("boot/config-6.1.0-99-amd64"), "");
        KernelBuild kernel = KernelBuild.newestIn(root.resolve("boot"), root.resolve("lib/modules"));
        assertThat(kernel.release()).isEqualTo("6.1.0-56-amd64");
        assertThat(kernel.image()).isEqualTo(root.resolve("boot/vmlinuz-6.1.0-56-amd64"));
        assertThat(kernel.modules()).isEqualTo(root.resolve("lib/modules/6.1.0-56-amd64"));
    }

    @Test
    void modulesBuiltinSaysWhatIsBuiltIn() throws IOException {
        install("6.1.0-57-amd64", true);
        KernelBuild debian = KernelBuild.newestIn(root.resolve("boot"), root.resolve("lib/modules"));
        assertThat(debian.builtIn("brd")).as("no modules.builtin").isFalse();
        Files.writeString(
                debian.modules().resolve("modules.builtin"),
                "kernel/drivers/nvdimm/libnvdimm.ko\nkernel/drivers/block/brd.ko\nkernel/fs/ext4/ext4.ko\n");
        assertThat(debian.builtIn("brd")).isTrue();
        assertThat(debian.builtIn("ext4")).isTrue();
        assertThat(debian.builtIn("rd")).as("a name's end is not the name").isFalse();
        assertThat(debian.builtIn("xfs")).isFalse();
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(VersionKey.of("6.1.0-9-amd64")).isLessThan(VersionKey.of("6.1.0-56-amd64"));
        assertThat(VersionKey.of("6.1.0-56-amd64")).isLessThan(VersionKey.of("6.10.0-1-amd64"));
        assertThat(VersionKey.of("6.1")).isLessThan(VersionKey.of("6.1.0"));
        assertThat(VersionKey.of("6.1.0-rc1")).isEqualByComparingTo(VersionKey.of("6.1.0-rc1"));
    }

    @Test
    void noKernelIsOneLineNamingTheFix() throws IOException {
        install("6.1.0-56-amd64", false);
        assertThatThrownBy(() -> KernelBuild.newestIn(root.resolve("boot"), root.resolve("lib/modules")))
                .isInstanceOf(VmException.class)
                .hasMessage("no kernel with modules in " + root.resolve("boot") + " and " + root.resolve("lib/modules")
                        + "; run ci/vm/setup or pass --kernel PATH --modules DIR");
        assertThatThrownBy(() -> KernelBuild.newestIn(root.resolve("nowhere"), root))
                .hasMessageStartingWith("no kernel with modules in ");
    }

    @Test
    void missingImageOrModulesIsOneLine() throws IOException {
        Path image = Files.writeString(root.resolve("bzImage"), "x");
        assertThatThrownBy(() -> new KernelBuild(root.resolve("nope"), root))
                .hasMessage("kernel image " + root.resolve("nope")
                        + " does not exist; run ci/vm/setup or pass --kernel PATH --modules DIR");
        assertThatThrownBy(() -> new KernelBuild(image, root.resolve("mods")))
                .hasMessage("kernel modules directory " + root.resolve("mods")
                        + " does not exist; run ci/vm/setup or pass --kernel PATH --modules DIR");
    }
}
