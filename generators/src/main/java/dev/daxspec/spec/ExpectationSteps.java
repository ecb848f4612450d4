package dev.daxspec.spec;

import dev.daxspec.oracle.fs.Errno;
import dev.daxspec.oracle.ops.Fiemap;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Mwrite;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Stat;
import dev.daxspec.oracle.ops.Statx;
import io.cucumber.java.en.Then;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Claims about what a program shows. Each adds the commands that make its claim
 * observable in the transcript (a dump of the range, the access that should kill the
 * process, a stat, a fiemap, a seek) and the expectation that reads them, so the same
 * program emitted as a test proves the claim through its golden output.
 *
 * <p>"reads as" goes through the mapping when the file is mapped at that point of the
 * scenario and through read(2) otherwise; "through read()" and "through the mapping" say
 * which.
 */
public final class ExpectationSteps {

    /** The largest range a dump claim reads: 64 KiB is four thousand dump lines already. */
    static final long MAX_DUMP = 64 << 10;

    private final ScenarioBuilder scenario;

    ExpectationSteps(ScenarioBuilder scenario) {
        this.scenario = scenario;
    }

    // ------------------------------------------------------------------ data

    @Then("the range {range} reads as {pattern}")
    public void reads(ByteRange range, BytePattern pattern) {
        reads(scenario.range(range), pattern, scenario.mapped(), false);
    }

    @Then("the range {range} reads as {pattern} through read\\(\\)")
    public void readsThroughRead(ByteRange range, BytePattern pattern) {
        reads(scenario.range(range), pattern, false, false);
    }

    @Then("the range {range} reads as {pattern} through the mapping")
    public void readsThroughMapping(ByteRange range, BytePattern pattern) {
        reads(scenario.range(range), pattern, true, false);
    }

    @Then("byte {offset} reads as {pattern}")
    public void byteReads(ByteExpr offset, BytePattern pattern) {
        reads(new ByteRange.Bytes(scenario.bytes(offset), 1), pattern, scenario.mapped(), false);
    }

    @Then("byte {offset} reads as {pattern} through read\\(\\)")
    public void byteReadsThroughRead(ByteExpr offset, BytePattern pattern) {
        reads(new ByteRange.Bytes(scenario.bytes(offset), 1), pattern, false, false);
    }

    @Then("byte {offset} reads as {pattern} through the mapping")
    public void byteReadsThroughMapping(ByteExpr offset, BytePattern pattern) {
        reads(new ByteRange.Bytes(scenario.bytes(offset), 1), pattern, true, false);
    }

    /** After a crash: some outcome the kernel allows shows it (read(2)). */
    @Then("the range {range} may read as {pattern}")
    public void mayRead(ByteRange range, BytePattern pattern) {
        reads(scenario.range(range), pattern, false, true);
    }

    private void reads(ByteRange.Bytes b, BytePattern pattern, boolean viaMapping, boolean possibly) {
        if (b.length() > MAX_DUMP) {
            throw scenario.error("a claim reads at most 64 KiB (" + b.length() + " bytes asked for): split the range");
        }
        List<Integer> reads = new ArrayList<>();
        if (viaMapping) {
            MappingSpec m = scenario.mapping(b.offset(), b.length());
            for (long[] chunk : mreadChunks(b, m)) {
                reads.add(scenario.command(
                        new Mread(false, true, OptionalLong.of(chunk[0]), OptionalLong.of(chunk[1])),
                        Action.Need.MAPPING,
                        Action.Need.OBSERVED));
            }
        } else {
            reads.add(scenario.command(new Pread(b.offset(), b.length(), true), Action.Need.OBSERVED));
        }
        scenario.expect((step, placed) -> {
            Expectation e = new BytesRead(
                    step, reads.stream().map(placed::get).toList(), b.offset(), b.length(), pattern, viaMapping);
            return possibly(step, e, possibly);
        });
    }

    /**
     * The mread commands that dump a range: mread_f() never dumps when the length is one
     * more than a multiple of PAGE_SIZE (its first chunk is one byte), so such a range is
     * read as two commands, and a single byte with its neighbour in the same page.
     */
    private List<long[]> mreadChunks(ByteRange.Bytes b, MappingSpec m) {
        int page = scenario.target().pageSize();
        long off = b.offset();
        long len = b.length();
        if (len % page != 1) {
            return List.of(new long[] {off, len});
        }
        if (len == 1) {
            long start = off % page == page - 1 ? off - 1 : off;
            if (!m.covers(start, 2)) {
                throw scenario.error("byte " + off + " is at the edge of the mapping: xfs_io's mread cannot dump a"
                        + " single byte, and its neighbour in the page is not mapped");
            }
            return List.of(new long[] {start, 2});
        }
        return List.of(new long[] {off, 2}, new long[] {off + 2, len - 2});
    }

    /** pread(2) returns this many bytes (fewer at EOF, 0 past it). */
    @Then("a read of {bytes} at {offset} returns {bytes}")
    public void readReturns(ByteExpr length, ByteExpr offset, ByteExpr count) {
        readReturns(length, offset, count, false);
    }

    /** After a crash: in some outcome the kernel allows. */
    @Then("a read of {bytes} at {offset} may return {bytes}")
    public void readMayReturn(ByteExpr length, ByteExpr offset, ByteExpr count) {
        readReturns(length, offset, count, true);
    }

    private void readReturns(ByteExpr length, ByteExpr offset, ByteExpr count, boolean possibly) {
        long len = scenario.length(length);
        long n = scenario.bytes(count);
        int a = scenario.command(new Pread(scenario.bytes(offset), len, false), Action.Need.OBSERVED);
        scenario.expect((step, placed) -> possibly(step, new ReadReturns(step, placed.get(a), n), possibly));
    }

    private static Expectation possibly(StepRef step, Expectation e, boolean possibly) {
        return possibly ? new Possibly(step, e) : e;
    }

    // ------------------------------------------------------------------ signals

    @Then("reading byte {offset} through the mapping raises {signal}")
    public void loadRaises(ByteExpr offset, Integer status) {
        access(offset, false, status);
    }

    @Then("storing to byte {offset} through the mapping raises {signal}")
    public void storeRaises(ByteExpr offset, Integer status) {
        access(offset, true, status);
    }

    @Then("reading byte {offset} through the mapping succeeds")
    public void loadSucceeds(ByteExpr offset) {
        access(offset, false, 0);
    }

    /** One access as the last thing its process does; the exit status shows whether it killed it. */
    private void access(ByteExpr offset, boolean store, int status) {
        long pos = scenario.bytes(offset);
        scenario.mapping(pos, 1);
        OptionalLong at = OptionalLong.of(pos);
        OptionalLong one = OptionalLong.of(1);
        int a = scenario.command(
                store ? new Mwrite(Mwrite.DEFAULT_SEED, at, one) : new Mread(false, false, at, one),
                Action.Need.MAPPING,
                Action.Need.LAST);
        scenario.expect((step, placed) -> new ProcessEnds(step, placed.get(a).step(), status));
    }

    // ------------------------------------------------------------------ metadata

    @Then("the file size is {bytes}")
    public void size(ByteExpr size) {
        size(size, false);
    }

    /** After a crash: in some outcome the kernel allows. */
    @Then("the file size may be {bytes}")
    public void sizeMayBe(ByteExpr size) {
        size(size, true);
    }

    private void size(ByteExpr size, boolean possibly) {
        long n = scenario.bytes(size);
        int a = scenario.command(new Stat(), Action.Need.OBSERVED);
        scenario.expect((step, placed) -> possibly(step, new StatField(step, placed.get(a), "stat.size", n), possibly));
    }

    /** st_blocks, in bytes: the file's data and metadata blocks, delayed allocations included. */
    @Then("the file has {bytes} allocated")
    public void allocated(ByteExpr size) {
        long n = scenario.bytes(size);
        if (n % 512 != 0) {
            throw scenario.error(n + " bytes is not a whole number of 512-byte st_blocks units");
        }
        int a = scenario.command(new Stat(), Action.Need.OBSERVED);
        scenario.expect((step, placed) -> new StatField(step, placed.get(a), "stat.blocks", n / 512));
    }

    /** FS_IOC_FIEMAP as _filter_fiemap shows it: written data, unwritten (preallocated) extents, holes. */
    @Then("the extent map shows {range} as {extent}")
    public void extents(ByteRange range, String state) {
        ByteRange.Bytes b = scenario.range(range);
        if (b.offset() % 512 != 0 || (b.last() + 1) % 512 != 0) {
            throw scenario.error("fiemap counts 512-byte sectors: the range " + b + " must start and end on one");
        }
        int a = scenario.command(new Fiemap(true), Action.Need.OBSERVED);
        scenario.expect((step, placed) -> new ExtentState(step, placed.get(a), b.offset(), b.length(), state));
    }

    @Then("SEEK_DATA from {offset} finds {offset}")
    public void seekData(ByteExpr from, ByteExpr found) {
        seek(true, from, OptionalLong.of(scenario.bytes(found)));
    }

    @Then("SEEK_HOLE from {offset} finds {offset}")
    public void seekHole(ByteExpr from, ByteExpr found) {
        seek(false, from, OptionalLong.of(scenario.bytes(found)));
    }

    /** ENXIO: no data at or after the offset. */
    @Then("SEEK_DATA from {offset} finds nothing")
    public void seekDataNothing(ByteExpr from) {
        seek(true, from, OptionalLong.empty());
    }

    private void seek(boolean data, ByteExpr from, OptionalLong found) {
        int a = scenario.command(new Seek(data, !data, false, false, scenario.bytes(from)), Action.Need.OBSERVED);
        scenario.expect((step, placed) -> new SeekFinds(step, placed.get(a), data ? "DATA" : "HOLE", found));
    }

    /** statx(2)'s STATX_ATTR_DAX. */
    @Then("the file is DAX")
    public void dax() {
        dax(true);
    }

    @Then("the file is not DAX")
    public void notDax() {
        dax(false);
    }

    private void dax(boolean yes) {
        int a = scenario.command(new Statx(true), Action.Need.OBSERVED);
        scenario.expect((step, placed) -> new DaxAttribute(step, placed.get(a), yes));
    }

    // ------------------------------------------------------------------ mounts

    @Then("the mount succeeds")
    public void mountSucceeds() {
        int k = scenario.mountIndex();
        scenario.expectMount((step, placed) -> new MountOutcome(step, k, false));
    }

    @Then("the mount is refused")
    public void mountRefused() {
        int k = scenario.mountIndex();
        scenario.expectMount((step, placed) -> new MountOutcome(step, k, true));
    }

    /** A kernel log line of warning level or above, as dmesg shows it without its timestamp. */
    @Then("the kernel logs {string}")
    public void kernelLogs(String line) {
        int k = scenario.mountIndex();
        scenario.expectMount((step, placed) -> new KernelLogs(step, k, Optional.of(line)));
    }

    @Then("the kernel logs nothing")
    public void kernelLogsNothing() {
        int k = scenario.mountIndex();
        scenario.expectMount((step, placed) -> new KernelLogs(step, k, Optional.empty()));
    }

    // ------------------------------------------------------------------ errors

    /** The latest write's count: short at ENOSPC (B9). */
    @Then("the write returns {bytes}")
    public void writeReturns(ByteExpr bytes) {
        long n = scenario.bytes(bytes);
        int a = scenario.lastWrite();
        scenario.observe(a);
        scenario.expect((step, placed) -> new WriteReturns(step, placed.get(a), n));
    }

    @Then("the write fails with {errno}")
    public void writeFails(Errno errno) {
        int a = scenario.lastWrite();
        scenario.observe(a);
        scenario.expect((step, placed) -> new OpFails(step, placed.get(a), "pwrite: " + errno.message()));
    }

    /** mmap(2) of one page with MAP_SHARED_VALIDATE | MAP_SYNC, in a process of its own. */
    @Then("mapping the file with MAP_SYNC fails with {errno}")
    public void mapSyncFails(Errno errno) {
        int page = scenario.target().pageSize();
        int a = scenario.command(
                new Mmap(false, false, false, true, false, 0, page), Action.Need.ALONE, Action.Need.OBSERVED);
        scenario.expect((step, placed) -> new OpFails(step, placed.get(a), "mmap: " + errno.message()));
    }
}
