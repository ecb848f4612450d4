package dev.daxspec.cli;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.ShellQuote;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.TargetedSuite;
import dev.daxspec.files.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daxspec series bisect-script}: a script for {@code git bisect run} that runs one test. */
@Command(
        name = "bisect-script",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Write a script for 'git bisect run' that runs one test on the built kernel.",
            "",
            "The bash script runs one test of a shell suite with 'daxspec run' in qemu, on"
                    + " the kernel your build step made. It builds nothing: it takes the kernel image"
                    + " and its modules tree as arguments (KERNEL_IMAGE MODULES_DIR) or from"
                    + " DAXSPEC_KERNEL and DAXSPEC_MODULES.",
            "",
            "It exits as git bisect run expects: 0 when the test passes (good); 1 when it"
                    + " fails, deviates in a known way, oopses or times out (bad); 125 when it did"
                    + " not run (NOTRUN), the image or modules are missing (the build failed), or the"
                    + " VM or the scratch device failed (skip the commit); 255 when called without a"
                    + " kernel, which stops the bisection.",
        },
        footer = {
            "",
            "Example:",
            "  daxspec series --mbox xip.mbox --generate /tmp/targeted  # the guarding tests",
            "  daxspec series bisect-script --suite /tmp/targeted \\",
            "      --test io-unaligned_writes-27 --out bisect.sh",
            "  cd ~/linux && git bisect start HEAD v6.1",
            "  git bisect run sh -c 'make -j\"$(nproc)\" bzImage modules &&",
            "      rm -rf /tmp/m && make -s modules_install INSTALL_MOD_PATH=/tmp/m &&",
            "      \"$PWD\"/bisect.sh arch/x86/boot/bzImage \\",
            "          /tmp/m/lib/modules/\"$(make -s kernelrelease)\"'",
            "",
            "Set DAXSPEC in the environment to use another daxspec command than the one" + " written in the script.",
            "",
            "Exit status: 0 when the script was written, 2 for bad input.",
        })
final class BisectScriptCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--test",
            paramLabel = "ID",
            required = true,
            description = "The test's id, as the suite's manifest lists it.")
    String test;

    @Option(
            names = "--suite",
            paramLabel = "DIR",
            required = true,
            description = "A shell suite written by 'daxspec generate' or 'daxspec series --generate'.")
    Path suite;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The script to write.")
    Path out;

    @Option(
            names = "--daxspec",
            paramLabel = "COMMAND",
            description = "The daxspec command the script runs. Default: this checkout's launcher, else daxspec.")
    String daxspec;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "The test's time limit in the VM; past it the commit is bad. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Override
    public Integer call() throws IOException {
        OutputFile.checkWritable("--out", out);
        VmKernelOptions.checkTimeout(timeout);
        Suite s;
        try {
            s = Suite.read(suite);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        if (s.format() != Format.SHELL) {
            throw new UserError(
                    suite + " is an " + s.format().label() + " suite; the script runs a test of a shell" + " suite");
        }
        if (s.tests().stream().noneMatch(t -> t.ids().contains(test))) {
            List<String> of = s.tests().stream()
                    .flatMap(t -> t.ids().stream())
                    .filter(id -> TargetedSuite.checks(id, test))
                    .toList();
            throw new UserError(suite + " has no test " + test
                    + (of.isEmpty() ? "" : "; the tests of scenario " + test + " are " + String.join(" ", of)));
        }
        String script = script(
                test,
                suite.toAbsolutePath().normalize(),
                out.getFileName().toString(),
                daxspec != null ? daxspec : launcher(),
                timeout);
        AtomicFile.write(out, script.getBytes(StandardCharsets.UTF_8), true);
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + out + ": git bisect run " + out + " KERNEL_IMAGE MODULES_DIR (see --help)");
        w.flush();
        return 0;
    }

    /**
     * The script. It reads the verdict from {@code daxspec run}'s line for the test,
     * {@code [1/1] VERDICT ID[: detail]}, and the detail of a FAIL that was not the
     * kernel's doing (the VM failed, the test refused the device or exited oddly).
     */
    static String script(String testId, Path suiteDir, String name, String daxspecCommand, int timeoutSeconds) {
        return """
                #!/bin/bash
                # git bisect run script written by 'daxspec series bisect-script': runs the test
                #   %1$s
                # of the suite %2$s
                # on the kernel your build step made, with 'daxspec run' in qemu. Builds nothing.
                #
                # Usage: %3$s KERNEL_IMAGE MODULES_DIR
                #    or: DAXSPEC_KERNEL=IMAGE DAXSPEC_MODULES=DIR %3$s
                # DAXSPEC overrides the daxspec command.
                #
                # Exit status, as git bisect run reads it:
                #   0    the test passed (good)
                #   1    it failed, deviated in a known way, oopsed or timed out (bad)
                #   125  it did not run, the image or modules are missing, or the VM or the
                #        scratch device failed (skip this commit)
                #   255  no kernel was given (git bisect stops)
                set -u
                test_id=%4$s
                suite=%5$s
                daxspec=${DAXSPEC:-%6$s}
                kernel=${1:-${DAXSPEC_KERNEL:-}}
                modules=${2:-${DAXSPEC_MODULES:-}}

                if [ -z "$kernel" ] || [ -z "$modules" ]; then
                	echo "usage: $0 KERNEL_IMAGE MODULES_DIR (or set DAXSPEC_KERNEL and DAXSPEC_MODULES)" >&2
                	exit 255
                fi
                if [ ! -f "$kernel" ] || [ ! -d "$modules" ]; then
                	echo "bisect: no kernel image $kernel or modules $modules (did the build fail?): skip" >&2
                	exit 125
                fi

                # shellcheck disable=SC2086 # DAXSPEC may be a command with arguments
                output=$($daxspec run --kernel "$kernel" --modules "$modules" --timeout %7$d \\
                	--test "$test_id" "$suite" 2>&1)
                status=$?
                printf '%%s\\n' "$output"
                line=$(printf '%%s\\n' "$output" | grep -m 1 '^\\[1/1\\] ')
                verdict=$(printf '%%s\\n' "$line" | awk '{ print $2 }')
                case $verdict in
                PASS)
                	exit 0
                	;;
                NOTRUN)
                	exit 125
                	;;
                KNOWN-DEVIATION)
                	exit 1
                	;;
                FAIL)
                	case $line in
                	*": VM_FAILED"* | *": the test refused to run"* | *": the test exited "*)
                		echo "bisect: the VM or the scratch device failed, not the test: skip" >&2
                		exit 125
                		;;
                	esac
                	exit 1
                	;;
                esac
                echo "bisect: daxspec run gave no verdict (exit status $status): skip" >&2
                exit 125
                """.formatted(
                        testId,
                        suiteDir,
                        name,
                        ShellQuote.single(testId),
                        ShellQuote.single(suiteDir.toString()),
                        ShellQuote.single(daxspecCommand),
                        timeoutSeconds);
    }

    /**
     * This checkout's launcher, {@code TOP/daxspec}, when running from its jar in
     * {@code TOP/generators/target}, or its classes in {@code TOP/generators/target/classes};
     * else {@code daxspec}, found on the PATH.
     */
    private static String launcher() {
        CodeSource source = BisectScriptCommand.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "daxspec";
        }
        Path here;
        try {
            here = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "daxspec";
        }
        for (Path p = here; p != null; p = p.getParent()) {
            Path name = p.getFileName();
            if (name != null
                    && name.toString().equals("generators")
                    && Files.isExecutable(p.resolveSibling("daxspec"))) {
                return p.resolveSibling("daxspec").toString();
            }
        }
        return "daxspec";
    }
}
