package dev.daxspec.oracle.mm;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fs_dax tracepoints a run of faults fires, counted as a test reads them back from
 * tracefs: one line per event and result, sorted,
 * {@code trace: dax_pte_fault_done MAJOR|NOPAGE 1}. Results are printed the way the
 * kernel's {@code VM_FAULT_RESULT_TRACE} flags print (MAJOR before NOPAGE before
 * FALLBACK before NEEDDSYNC).
 *
 * <p>Counted: dax_pmd_fault_done, dax_pmd_load_hole, dax_pte_fault_done, dax_load_hole and
 * dax_insert_pfn_mkwrite. Not counted: the entry events, the writeback events, and
 * dax_pmd_fault_done FALLBACK for a PMD range that does not lie inside the mapping,
 * because whether the kernel tries a PMD fault there at all depends on whether another
 * mapping shares the page table, which a test cannot control (the harness's trace filter
 * drops them by the event's address, vm_start and vm_end). A SIGBUS from such a PMD fault
 * is counted: dax_iomap_pmd_fault() returns it before dax_fault_check_fallback(), and the
 * oracle tries the PMD fault there where the mapping's page tables are its own
 * ({@link Mapping#ownPageTables()}).
 *
 * <p>Not thread-safe.
 */
public final class FaultTrace {

    private final Map<String, Integer> counts = new TreeMap<>();

    public void event(String event, String result) {
        counts.merge(result.isEmpty() ? event : event + " " + result, 1, Integer::sum);
    }

    /** The lines, sorted, each ending in a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        counts.forEach(
                (k, n) -> sb.append("trace: ").append(k).append(' ').append(n).append('\n'));
        return sb.toString();
    }
}
