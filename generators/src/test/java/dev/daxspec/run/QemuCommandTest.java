package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuCommandTest {

    @TempDir
    Path dir;

    private QemuCommand command(VmOptions options) throws IOException {
        Path image = Files.writeString(dir.resolve("bzImage"), "x");
        KernelBuild kernel = new KernelBuild(image, Files.createDirectories(dir.resolve("6.1.0-56-amd64")));
        return new QemuCommand(
                "qemu-system-x86_64",
                kernel,
                image,
                options,
                dir.resolve("initrd.img"),
                Path.of("/dev/shm/daxspec-vm-1.ram"));
    }

    @Test
    void buildsTheDefaultCommandLine() throws IOException {
        List<String> args = command(VmOptions.defaults())
                .arguments(
                        Path.of("/w/console-1.log"),
                        Path.of("/w/results-1.log"),
                        Path.of("/w/jobs-1.sock"),
                        Path.of("/w/qmp-1.sock"),
                        false);
        assertThat(args)
                .containsExactly(
                        "qemu-system-x86_64",
                        "-accel",
                        "tcg",
                        "-cpu",
                        "qemu64,+rdrand",
                        "-smp",
                        "1",
                        "-m",
                        "3072M",
                        "-machine",
                        "pc,max-ram-below-4g=2G,memory-backend=ram",
                        "-object",
                        "memory-backend-file,id=ram,size=3072M,mem-path=/dev/shm/daxspec-vm-1.ram,share=on",
                        "-kernel",
                        dir.resolve("bzImage").toString(),
                        "-initrd",
                        dir.resolve("initrd.img").toString(),
                        "-append",
                        "console=ttyS0 memmap=1024M!4G quiet panic=-1 watchdog_thresh=60 no_timer_check tsc=reliable norandmaps vdso=0 brd.rd_nr=1"
                                + " brd.rd_size=1048576",
                        "-nodefaults",
                        "-display",
                        "none",
                        "-serial",
                        "file:/w/console-1.log",
                        "-serial",
                        "file:/w/results-1.log",
                        "-chardev",
                        "socket,id=jobs,path=/w/jobs-1.sock,server=on,wait=off",
                        "-serial",
                        "chardev:jobs",
                        "-qmp",
                        "unix:/w/qmp-1.sock,server=on,wait=off",
                        "-no-reboot");
    }

    @Test
    void aRestoreWaitsForTheSavedStateInsteadOfBooting() throws IOException {
        List<String> args = command(VmOptions.defaults())
                .arguments(Path.of("/c"), Path.of("/r"), Path.of("/j"), Path.of("/q"), true);
        assertThat(args.subList(args.size() - 3, args.size())).containsExactly("-no-reboot", "-incoming", "defer");
    }

    @Test
    void pmemSitsAboveTheOrdinaryRam() throws IOException {
        VmOptions options = new VmOptions(3, 512, 64, 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        QemuCommand command = command(options);
        assertThat(command.kernelCommandLine())
                .isEqualTo(
                        "console=ttyS0 memmap=512M!4G quiet panic=-1 watchdog_thresh=60 no_timer_check tsc=reliable norandmaps vdso=0 brd.rd_nr=1 brd.rd_size=65536");
        assertThat(command.arguments(Path.of("c"), Path.of("r"), Path.of("j"), Path.of("q"), false))
                .contains("3584M", "pc,max-ram-below-4g=3G,memory-backend=ram", "1");
    }

    @Test
    void commasInPathsAreDoubledForQemu() throws IOException {
        List<String> args = command(VmOptions.defaults())
                .arguments(Path.of("/a,b/console.log"), Path.of("/r"), Path.of("/j"), Path.of("/q"), false);
        assertThat(args).contains("file:/a,,b/console.log");
    }
}
