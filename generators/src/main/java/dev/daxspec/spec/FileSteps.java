package dev.daxspec.spec;

import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fsync;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Sync;
import dev.daxspec.oracle.ops.Truncate;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.util.OptionalLong;

/**
 * Files and what is done to them with system calls. A file a Given step makes is
 * fsynced, so it is on disk before the scenario acts; a file of N bytes holds 0x61
 * ({@code 'a'}) unless the step says otherwise.
 */
public final class FileSteps {

    /** What {@code a file "f" of N bytes} holds. */
    static final int DEFAULT_FILL = 0x61;

    private final ScenarioBuilder scenario;

    FileSteps(ScenarioBuilder scenario) {
        this.scenario = scenario;
    }

    @Given("a file {string} of {bytes}")
    public void file(String name, ByteExpr size) {
        file(name, size, DEFAULT_FILL);
    }

    @Given("a file {string} of {bytes} filled with {hex}")
    public void file(String name, ByteExpr size, Integer value) {
        scenario.target();
        scenario.createFile(name, new Pwrite(0, length(size), value, OptionalLong.empty()));
    }

    @Given("an empty file {string}")
    public void emptyFile(String name) {
        scenario.createFile(name, new Truncate(0));
    }

    /** A file of that size with no blocks: truncate(2) up from nothing. */
    @Given("a sparse file {string} of {bytes}")
    public void sparseFile(String name, ByteExpr size) {
        scenario.target();
        scenario.createFile(name, new Truncate(length(size)));
    }

    /** A file of that size made of unwritten extents: fallocate(2) mode 0. */
    @Given("a preallocated file {string} of {bytes}")
    public void preallocatedFile(String name, ByteExpr size) {
        scenario.target();
        scenario.createFile(name, new Falloc(false, 0, length(size)));
    }

    /** pwrite(2) in xfs_io's default chunks (the block size on xfs, 4 KiB elsewhere). */
    @When("{bytes} of {hex} is/are written at {offset}")
    public void write(ByteExpr length, Integer value, ByteExpr offset) {
        long len = scenario.length(length);
        scenario.command(new Pwrite(scenario.bytes(offset), len, value, OptionalLong.empty()));
    }

    /** pwrite(2) calls of {@code chunk} bytes each. */
    @When("{bytes} of {hex} is/are written at {offset} in chunks of {bytes}")
    public void write(ByteExpr length, Integer value, ByteExpr offset, ByteExpr chunk) {
        long len = scenario.length(length);
        scenario.command(new Pwrite(scenario.bytes(offset), len, value, OptionalLong.of(scenario.length(chunk))));
    }

    @When("the file is truncated to {offset}")
    public void truncate(ByteExpr size) {
        scenario.command(new Truncate(scenario.bytes(size)));
    }

    /** fallocate(2) FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE. */
    @When("a hole is punched over {range}")
    public void punch(ByteRange range) {
        ByteRange.Bytes b = scenario.range(range);
        scenario.command(new Fpunch(b.offset(), b.length()));
    }

    /** fallocate(2) FALLOC_FL_ZERO_RANGE. */
    @When("the range {range} is zeroed")
    public void zero(ByteRange range) {
        ByteRange.Bytes b = scenario.range(range);
        scenario.command(new Fzero(false, b.offset(), b.length()));
    }

    @When("the range {range} is zeroed keeping the size")
    public void zeroKeepSize(ByteRange range) {
        ByteRange.Bytes b = scenario.range(range);
        scenario.command(new Fzero(true, b.offset(), b.length()));
    }

    /** fallocate(2) mode 0: unwritten extents, i_size grows to cover them. */
    @When("{bytes} is/are preallocated at {offset}")
    public void preallocate(ByteExpr length, ByteExpr offset) {
        long len = scenario.length(length);
        scenario.command(new Falloc(false, scenario.bytes(offset), len));
    }

    /** fallocate(2) FALLOC_FL_KEEP_SIZE. */
    @When("{bytes} is/are preallocated at {offset} keeping the size")
    public void preallocateKeepSize(ByteExpr length, ByteExpr offset) {
        long len = scenario.length(length);
        scenario.command(new Falloc(true, scenario.bytes(offset), len));
    }

    @When("the file is fsynced")
    public void fsync() {
        scenario.command(new Fsync());
    }

    /** sync(2). */
    @When("the filesystem is synced")
    public void sync() {
        scenario.command(new Sync());
    }

    /** An immediate reboot without sync (sysrq b), then mount again; pmem keeps its contents. */
    @When("the system crashes")
    public void crash() {
        scenario.crash();
    }

    @When("the filesystem is unmounted and mounted again")
    public void remount() {
        scenario.remount();
    }

    /** Filler files take all but {@code blocks} blocks; make files before, xfs cannot create one on a full filesystem. */
    @Given("the filesystem is filled, leaving {int} block(s) free")
    public void fill(int blocks) {
        if (blocks < 0) {
            throw scenario.error(blocks + " blocks is out of range");
        }
        scenario.fill(blocks);
    }

    private long length(ByteExpr size) {
        return scenario.length(size);
    }
}
