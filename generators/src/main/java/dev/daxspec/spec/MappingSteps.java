package dev.daxspec.spec;

import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Msync;
import dev.daxspec.oracle.ops.Mwrite;
import io.cucumber.java.en.When;
import java.util.OptionalLong;

/**
 * Mapping the file and touching it through the mapping. xfs_io maps MAP_SHARED (a private
 * mapping runs in daxspec-probe, which takes the same commands); a mapping
 * lives as long as its xfs_io process, so each process that touches it maps it again (see
 * {@link ProcessPlanner}). Loads and stores fault pages in as the CPU would.
 */
public final class MappingSteps {

    private final ScenarioBuilder scenario;

    MappingSteps(ScenarioBuilder scenario) {
        this.scenario = scenario;
    }

    @When("the file is mapped shared for {bytes}")
    public void mapShared(ByteExpr length) {
        scenario.map(new MappingSpec(0, scenario.length(length), MappingSpec.Kind.SHARED));
    }

    @When("the file is mapped shared at {offset} for {bytes}")
    public void mapShared(ByteExpr offset, ByteExpr length) {
        scenario.map(new MappingSpec(scenario.bytes(offset), scenario.length(length), MappingSpec.Kind.SHARED));
    }

    @When("the file is mapped read-only for {bytes}")
    public void mapReadOnly(ByteExpr length) {
        scenario.map(new MappingSpec(0, scenario.length(length), MappingSpec.Kind.READ_ONLY));
    }

    /**
     * MAP_PRIVATE: stores copy the page and never reach the file; a private write fault
     * never gets a PMD (B4). Run by daxspec-probe, since xfs_io 6.1 maps only MAP_SHARED.
     */
    @When("the file is mapped private for {bytes}")
    public void mapPrivate(ByteExpr length) {
        scenario.map(new MappingSpec(0, scenario.length(length), MappingSpec.Kind.PRIVATE));
    }

    /** MAP_SHARED_VALIDATE | MAP_SYNC (B7). */
    @When("the file is mapped with MAP_SYNC for {bytes}")
    public void mapSync(ByteExpr length) {
        scenario.map(new MappingSpec(0, scenario.length(length), MappingSpec.Kind.SYNC));
    }

    @When("the file is unmapped")
    public void unmap() {
        scenario.unmap();
    }

    @When("{hex} is stored at byte {offset} through the mapping")
    public void store(Integer value, ByteExpr offset) {
        long pos = scenario.bytes(offset);
        scenario.mapping(pos, 1);
        scenario.command(new Mwrite(value, OptionalLong.of(pos), OptionalLong.of(1)), Action.Need.MAPPING);
    }

    @When("{hex} is stored over {range} through the mapping")
    public void store(Integer value, ByteRange range) {
        ByteRange.Bytes b = scenario.range(range);
        scenario.mapping(b.offset(), b.length());
        scenario.command(
                new Mwrite(value, OptionalLong.of(b.offset()), OptionalLong.of(b.length())), Action.Need.MAPPING);
    }

    @When("byte {offset} is read through the mapping")
    public void load(ByteExpr offset) {
        long pos = scenario.bytes(offset);
        scenario.mapping(pos, 1);
        scenario.command(new Mread(false, false, OptionalLong.of(pos), OptionalLong.of(1)), Action.Need.MAPPING);
    }

    @When("the range {range} is read through the mapping")
    public void load(ByteRange range) {
        ByteRange.Bytes b = scenario.range(range);
        scenario.mapping(b.offset(), b.length());
        scenario.command(
                new Mread(false, false, OptionalLong.of(b.offset()), OptionalLong.of(b.length())), Action.Need.MAPPING);
    }

    /** msync(2) MS_SYNC over the whole mapping: a data sync of the file. */
    @When("the mapping is synced with MS_SYNC")
    public void msync() {
        MappingSpec m = scenario.mapping();
        scenario.command(
                new Msync(false, false, true, OptionalLong.of(m.offset()), OptionalLong.of(m.length())),
                Action.Need.MAPPING);
    }
}
