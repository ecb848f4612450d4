package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety checks of an emitted shell test, run for real on this machine: each unsafe
 * device or mount point is refused with exit status 4 before anything is written. As a
 * second guard, the commands that could write (mkfs, mount, umount, xfs_io, dd, wipefs)
 * are shadowed on PATH by scripts that only record that they were called, and no test
 * here may call one.
 */
class ShellSafetyTest {

    private static final String DAX_TEST = "pwrite-unaligned@ext4-pmem-dax=always-4096";
    private static final String BRD_TEST = "pwrite-unaligned@ext4-brd-defaults-4096";

    @TempDir
    static Path tmp;

    static Path suite;
    static Path shims;
    static Path calls;

    @BeforeAll
    static void write() throws IOException {
        suite = tmp.resolve("suite");
        SuiteWriter.write(Cases.named(DAX_TEST, BRD_TEST), Format.SHELL, suite, SuiteOptions.NONE);
        shims = Files.createDirectories(tmp.resolve("shims"));
        calls = tmp.resolve("calls");
        for (String c :
                List.of("mkfs.ext4", "mkfs.ext2", "mkfs.xfs", "mke2fs", "mount", "umount", "xfs_io", "dd", "wipefs")) {
            Path shim = shims.resolve(c);
            Files.writeString(shim, "#!/bin/sh\necho \"$0 $*\" >> '" + calls + "'\nexit 1\n");
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterEach
    void nothingThatWritesWasCalled() throws IOException {
        assertThat(calls).doesNotExist();
    }

    @Test
    void missingOrExtraArgumentsAreRefused() {
        refused(List.of(), "usage: " + DAX_TEST + ".sh SCRATCH_DEV SCRATCH_MNT [--i-know-this-wipes DEVICE]");
        refused(List.of("/dev/pmem0"), "usage:");
        refused(List.of("/dev/pmem0", "/mnt", "--i-know-this-wipes"), "usage:");
        refused(List.of("/dev/pmem0", "/mnt", "--wipe", "/dev/pmem0"), "usage:");
    }

    @Test
    void aPlainFileIsRefusedAndLeftAlone() throws IOException {
        Path file = Files.writeString(tmp.resolve("disk.img"), "precious");
        refused(List.of(file.toString(), tmp.toString()), file + " is not a block device");
        refused(
                List.of(file.toString(), tmp.toString(), "--i-know-this-wipes", file.toString()),
                file + " is not a block device");
        assertThat(file).hasContent("precious");
        refused(List.of("dev/pmem0", tmp.toString()), "SCRATCH_DEV must be an absolute path, not 'dev/pmem0'");
    }

    @Test
    void theDeviceHoldingRootIsRefusedEvenWhenNamed() throws IOException {
        Optional<Path> root = rootDevice();
        assumeTrue(root.isPresent(), "/ is not on a block device here");
        String dev = root.get().toString();
        refused(List.of(dev, tmp.toString()), dev + " is not a brd (/dev/ramN) or pmem (/dev/pmemN) device");
        refused(List.of(dev, tmp.toString(), "--i-know-this-wipes", dev), "holds /");
    }

    @Test
    void anUnusedDeviceIsRefusedUnlessNamedAndThenOnlyUnsafeMountPointsAre() throws IOException {
        Path dev = unusedDevice();
        String d = dev.toString();
        refused(List.of(d, tmp.toString()), d + " is not a brd (/dev/ramN) or pmem (/dev/pmemN) device");
        refused(
                List.of(d, tmp.toString(), "--i-know-this-wipes", "/dev/null"),
                "--i-know-this-wipes names /dev/null, not the scratch device " + d);
        List<String> wipes = List.of("--i-know-this-wipes", d);
        refused(concat(List.of(d, "/"), wipes), "SCRATCH_MNT must not be /");
        refused(concat(List.of(d, "/dev/shm"), wipes), "something is mounted on /dev/shm already");
        refused(concat(List.of(d, "mnt"), wipes), "SCRATCH_MNT must be an absolute path, not 'mnt'");
        refused(concat(List.of(d, tmp.resolve("none").toString()), wipes), tmp.resolve("none") + " is not a directory");
        refused(concat(List.of(d, tmp + "/a b"), wipes), "must not contain white space");
        // The same device through a symbolic link is still that device.
        Path link = tmp.resolve("link-to-" + dev.getFileName());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, dev);
        refused(List.of(link.toString(), "/dev/shm", "--i-know-this-wipes", d), "something is mounted on /dev/shm");
        Files.delete(link);

        // A safe mount point: the checks let it through, and the requirements say why the
        // test cannot run here (this device has no DAX, or is too small).
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Processes.Result dax = run(DAX_TEST, concat(List.of(d, mnt.toString()), wipes));
        assertThat(dax.status()).as(dax.out()).isEqualTo(2);
        assertThat(dax.out())
                .isEqualTo("NOTRUN " + DAX_TEST + ": needs a device with DAX (pmem); " + d + " has none\n");
        Processes.Result brd = run(BRD_TEST, concat(List.of(d, mnt.toString()), wipes));
        assertThat(brd.status()).as(brd.out()).isEqualTo(2);
        assertThat(brd.out()).startsWith("NOTRUN " + BRD_TEST + ": needs a device of at least 536870912 bytes");
    }

    @Test
    void aDeviceNodeNamedLikePmemButWithAnotherDevicesNumbersIsRefused() throws IOException {
        Path dev = unusedDevice();
        String[] majMin = Files.readString(
                        Path.of("/sys/class/block", dev.getFileName().toString(), "dev"))
                .strip()
                .split(":");
        Path fake = Files.createDirectories(tmp.resolve("fake")).resolve("pmem0");
        Files.deleteIfExists(fake);
        Processes.Result mknod = Processes.run(List.of("mknod", fake.toString(), "b", majMin[0], majMin[1]), tmp);
        assumeTrue(mknod.status() == 0, "cannot mknod here: " + mknod.err());
        refused(
                List.of(fake.toString(), tmp.toString()),
                "which the kernel calls '" + dev.getFileName() + "', not 'pmem0'");
    }

    @Test
    void theRunnerRefusesTheDeviceBeforeRunningAnyTest() {
        Processes.Result r = Processes.run(
                List.of("bash", suite.resolve("run.sh").toString(), "/dev/null", "/mnt"),
                "",
                Map.of("PATH", shims + ":" + System.getenv("PATH")),
                tmp);
        assertThat(r.status()).isEqualTo(4);
        assertThat(r.out()).isEqualTo("REFUSED run.sh: /dev/null is not a block device\n");
    }

    /**
     * run.sh as another user than root (nobody, through setpriv, when this runs as root):
     * one line, exit 2, before it looks at the device.
     */
    @Test
    void theRunnerAsANonRootUserSaysSoInOneLineAndExitsTwo() throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Processes.run(List.of("id", "-u"), tmp).out().strip().equals("0")) {
            assumeTrue(
                    Processes.run(List.of("sh", "-c", "command -v setpriv"), tmp)
                                    .status()
                            == 0,
                    "no setpriv");
            try (Stream<Path> dirs = Files.walk(tmp)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        cmd.addAll(List.of("bash", suite.resolve("run.sh").toString(), "/dev/pmem0", "/mnt"));
        Processes.Result r = Processes.run(cmd, "", Map.of("PATH", shims + ":" + System.getenv("PATH")), tmp);
        assertThat(r.out())
                .as(r.err())
                .isEqualTo(
                        "NOTRUN run.sh: needs root: each test makes a filesystem on" + " SCRATCH_DEV and mounts it\n");
        assertThat(r.status()).isEqualTo(2);
    }

    /** run.sh names each missing command with the package it comes from, in one line, and runs nothing. */
    @Test
    void theRunnerNamesTheMissingCommandsAndTheirPackages() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin-without-xfs_io"));
        for (String c : List.of(
                "id",
                "dirname",
                "awk",
                "cmp",
                "diff",
                "dmesg",
                "readlink",
                "sed",
                "stat",
                "mkfs.ext2",
                "mkfs.ext4",
                "mkfs.xfs")) {
            Path real = Path.of(Processes.run(List.of("sh", "-c", "command -v " + c), tmp)
                    .out()
                    .strip());
            assumeTrue(real.isAbsolute(), c + " is not installed");
            Files.writeString(bin.resolve(c), "#!/bin/sh\nexec " + real + " \"$@\"\n");
            Files.setPosixFilePermissions(bin.resolve(c), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Processes.Result r = Processes.run(
                List.of("/bin/bash", suite.resolve("run.sh").toString(), "/dev/pmem0", "/mnt"),
                "",
                Map.of("PATH", bin.toString()),
                tmp);
        assumeTrue(!r.out().startsWith("NOTRUN run.sh: needs root"), "not root");
        assertThat(r.out())
                .as(r.err())
                .isEqualTo("NOTRUN run.sh: missing commands: mount (mount) umount (mount)" + " xfs_io (xfsprogs)\n");
        assertThat(r.status()).isEqualTo(2);
    }

    private static void refused(List<String> args, String why) {
        Processes.Result r = run(DAX_TEST, args);
        assertThat(r.status()).as(args + ": " + r.out() + r.err()).isEqualTo(4);
        assertThat(r.out())
                .as(args.toString())
                .startsWith("REFUSED " + DAX_TEST + ": ")
                .contains(why)
                .endsWith("\n")
                .hasLineCount(1);
        assertThat(r.err()).as(args.toString()).isEmpty();
    }

    private static Processes.Result run(String test, List<String> args) {
        List<String> cmd = new ArrayList<>(
                List.of("bash", suite.resolve("tests/" + test + ".sh").toString()));
        cmd.addAll(args);
        return Processes.run(cmd, "", Map.of("PATH", shims + ":" + System.getenv("PATH")), tmp);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** The block device that / is mounted from, when it is one. */
    private static Optional<Path> rootDevice() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals("/")) {
                Path sys = Path.of("/sys/dev/block", f[2]);
                if (Files.exists(sys)) {
                    Path dev = Path.of("/dev", sys.toRealPath().getFileName().toString());
                    return Files.exists(dev) ? Optional.of(dev) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A block device that nothing mounts, holds or swaps on (an unbound loop device, say); aborts the test when none. */
    private static Path unusedDevice() throws IOException {
        Set<String> busy = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            busy.add(line.split(" ")[2]);
        }
        List<String> names;
        try (Stream<Path> s = Files.list(Path.of("/sys/class/block"))) {
            names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("(loop|zram)\\d+"))
                    .sorted()
                    .toList();
        }
        for (String n : names) {
            Path sys = Path.of("/sys/class/block", n);
            String majMin = Files.readString(sys.resolve("dev")).strip();
            boolean held = Files.isDirectory(sys.resolve("holders"))
                    && Files.list(sys.resolve("holders")).findAny().isPresent();
            boolean swap = Files.readString(Path.of("/proc/swaps")).contains("/dev/" + n + " ");
            // A bound loop device (size > 0) is someone's, mounted or not; an unbound one is empty.
            boolean bound = n.startsWith("loop")
                    && !Files.readString(sys.resolve("size")).strip().equals("0");
            if (!busy.contains(majMin) && !held && !swap && !bound && Files.exists(Path.of("/dev", n))) {
                return Path.of("/dev", n);
            }
        }
        // Skipped, not passed, on a machine without one; .ci/run loads the loop driver so that
        // CI always has one.
        return Assumptions.abort("no unused loop or zram device here (modprobe loop gives some)");
    }
}
