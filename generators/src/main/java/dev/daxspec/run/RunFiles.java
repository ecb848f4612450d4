package dev.daxspec.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one pool of VMs: a work directory (initrd, logs, job sockets) in the temporary
 * directory and each VM's RAM file in {@code /dev/shm} (when there is one). All are named
 * {@code daxspec-vm-PID-...} after the JVM that made them, so a later run can delete what a killed
 * JVM left behind.
 */
record RunFiles(Path workDir, Path ramDir) {

    private static final Pattern NAME = Pattern.compile("daxspec-vm-(\\d+)-.*");
    private static final Path SHM = Path.of("/dev/shm");

    /** Deletes the files of runs whose JVM is gone, then creates this run's work directory. */
    static RunFiles create() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path ramDir = Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : tmp;
        sweep(tmp);
        sweep(ramDir);
        try {
            Path workDir = Files.createTempDirectory(
                    tmp, "daxspec-vm-" + ProcessHandle.current().pid() + "-");
            return new RunFiles(workDir, ramDir);
        } catch (IOException e) {
            throw new VmException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    /** The RAM file of VM {@code guest} (from 1). */
    Path ramFile(int guest) {
        return ramDir.resolve(workDir.getFileName() + "-" + guest + ".ram");
    }

    /** Deletes the work directory and the RAM files; reports on stderr what it could not delete. */
    void delete() {
        String prefix = workDir.getFileName() + "-";
        try (Stream<Path> entries = Files.list(ramDir)) {
            for (Path ram : entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList()) {
                Files.deleteIfExists(ram);
            }
            deleteTree(workDir);
        } catch (IOException | UncheckedIOException e) {
            System.err.println(
                    "daxspec: could not remove " + workDir + " or its RAM files in " + ramDir + ": " + e.getMessage());
        }
    }

    private static void sweep(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                Matcher name = NAME.matcher(entry.getFileName().toString());
                if (name.matches() && !alive(Long.parseLong(name.group(1)))) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // another run's leftovers are not this run's business when they cannot be listed
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
