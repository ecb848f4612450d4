package dev.daxspec.spec;

import io.cucumber.java.en.Then;
import java.util.Arrays;
import java.util.List;

/**
 * Claims about the page faults of the latest xfs_io run, counted from the fs_dax
 * tracepoints (fs/dax.c). The run is traced, and it ends there: accesses after the claim
 * run in a new process, so they do not add to its counts.
 */
public final class FaultSteps {

    private final ScenarioBuilder scenario;

    FaultSteps(ScenarioBuilder scenario) {
        this.scenario = scenario;
    }

    /** dax_pmd_load_hole. */
    @Then("{count} PMD fault(s) map(s) the huge zero page")
    public void hugeZeroPage(Integer n) {
        count(FaultKind.HUGE_ZERO_PAGE, n);
    }

    /** dax_pmd_fault_done NOPAGE: 2 MiB of blocks or the huge zero page mapped with one entry. */
    @Then("{count} PMD fault(s) succeed(s)")
    public void pmdMapped(Integer n) {
        count(FaultKind.PMD_MAPPED, n);
    }

    /** dax_pmd_fault_done FALLBACK. */
    @Then("{count} PMD fault(s) fall(s) back to PTE faults")
    public void pmdFallback(Integer n) {
        count(FaultKind.PMD_FALLBACK, n);
    }

    /** dax_load_hole. */
    @Then("{count} PTE fault(s) map(s) the zero page")
    public void zeroPage(Integer n) {
        count(FaultKind.ZERO_PAGE, n);
    }

    /** dax_pte_fault_done, any result. */
    @Then("{count} PTE fault(s) is/are taken")
    public void pte(Integer n) {
        count(FaultKind.PTE, n);
    }

    /** dax_pte_fault_done MAJOR: the fault allocated or converted its block. */
    @Then("{count} write fault(s) allocate(s)")
    public void allocating(Integer n) {
        count(FaultKind.ALLOCATING, n);
    }

    /** A MAP_SYNC write fault synced the inode's metadata before making the PTE writable. */
    @Then("{count} fault(s) return(s) NEEDDSYNC")
    public void needDsync(Integer n) {
        count(FaultKind.NEEDDSYNC, n);
    }

    @Then("{count} fault(s) return(s) SIGBUS")
    public void sigbus(Integer n) {
        count(FaultKind.SIGBUS, n);
    }

    /** Every tracepoint, as the transcript's {@code trace:} lines print them without the prefix. */
    @Then("the faults are traced as:")
    public void traced(String lines) {
        int a = scenario.observeFaults();
        List<String> want = Arrays.stream(lines.split("\n"))
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(l -> l.startsWith("trace: ") ? l.substring(7) : l)
                .toList();
        scenario.expect((step, placed) -> new TraceIs(step, placed.get(a).step(), want));
    }

    private void count(FaultKind kind, int n) {
        int a = scenario.observeFaults();
        scenario.expect((step, placed) -> new FaultCount(step, placed.get(a).step(), kind, n));
    }
}
