package dev.daxspec.spec;

import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import io.cucumber.java.en.Given;

/** Where a scenario runs: the filesystem, the device, the mount options and the geometry. */
public final class TargetSteps {

    private final ScenarioBuilder scenario;

    TargetSteps(ScenarioBuilder scenario) {
        this.scenario = scenario;
    }

    /** mkfs and mount without options ({@code defaults}, which is dax=inode). */
    @Given("{fs} on {device}")
    public void target(Filesystem fs, DeviceKind device) {
        scenario.target(fs, device, MountOptions.NONE);
    }

    @Given("{fs} on {device} mounted with {options}")
    public void target(Filesystem fs, DeviceKind device, MountOptions options) {
        scenario.target(fs, device, options);
    }

    /** mkfs's block size (default 4 KiB). */
    @Given("the filesystem has {bytes} blocks")
    public void blockSize(ByteExpr size) {
        scenario.blockSize(scenario.absoluteBytes(size));
    }

    /** PAGE_SIZE (default 4 KiB); 16 KiB and 64 KiB need the scenario tagged {@code @page-size:...}. */
    @Given("the page size is {bytes}")
    public void pageSize(ByteExpr size) {
        scenario.pageSize(scenario.absoluteBytes(size));
    }

    /** The scratch device's size (default 512 MiB). */
    @Given("the device holds {bytes}")
    public void deviceSize(ByteExpr size) {
        scenario.deviceSize(scenario.absoluteBytes(size));
    }
}
