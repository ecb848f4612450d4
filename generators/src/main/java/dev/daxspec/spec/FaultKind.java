package dev.daxspec.spec;

import java.util.List;

/**
 * Which fs_dax tracepoints a fault claim counts, in the {@code trace:} lines a traced run
 * prints ({@code EVENT [RESULT] N}, see {@link dev.daxspec.oracle.mm.FaultTrace}).
 */
enum FaultKind {
    /** {@code dax_pmd_load_hole}: a PMD read fault over a 2 MiB hole mapped the huge zero page. */
    HUGE_ZERO_PAGE("PMD fault(s) mapping the huge zero page"),
    /** {@code dax_pmd_fault_done NOPAGE}: a PMD fault mapped 2 MiB, blocks or the huge zero page. */
    PMD_MAPPED("PMD fault(s) mapping 2 MiB"),
    /** {@code dax_pmd_fault_done FALLBACK}: a PMD fault fell back to PTE faults. */
    PMD_FALLBACK("PMD fault(s) falling back"),
    /** {@code dax_load_hole}: a PTE read fault over a hole or unwritten block mapped the zero page. */
    ZERO_PAGE("PTE fault(s) mapping the zero page"),
    /** {@code dax_pte_fault_done}, any result. */
    PTE("PTE fault(s)"),
    /** {@code dax_pte_fault_done} with MAJOR: a write fault that allocated or converted its block. */
    ALLOCATING("write fault(s) allocating"),
    /** Any {@code *_fault_done} with NEEDDSYNC: a MAP_SYNC write fault that synced metadata first. */
    NEEDDSYNC("fault(s) returning NEEDDSYNC"),
    /** {@code dax_pte_fault_done SIGBUS}: a fault past EOF or at ENOSPC. */
    SIGBUS("fault(s) returning SIGBUS");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** How many of {@code trace} lines ({@code EVENT [RESULT] N}) this kind counts. */
    int count(List<String> trace) {
        int n = 0;
        for (String line : trace) {
            String[] w = line.strip().split(" ");
            String event = w[0];
            String result = w.length == 3 ? w[1] : "";
            int times = Integer.parseInt(w[w.length - 1]);
            if (counts(event, result)) {
                n += times;
            }
        }
        return n;
    }

    private boolean counts(String event, String result) {
        return switch (this) {
            case HUGE_ZERO_PAGE -> event.equals("dax_pmd_load_hole");
            case PMD_MAPPED -> event.equals("dax_pmd_fault_done") && result.equals("NOPAGE");
            case PMD_FALLBACK -> event.equals("dax_pmd_fault_done") && result.equals("FALLBACK");
            case ZERO_PAGE -> event.equals("dax_load_hole");
            case PTE -> event.equals("dax_pte_fault_done");
            case ALLOCATING -> event.equals("dax_pte_fault_done") && result.contains("MAJOR");
            case NEEDDSYNC -> event.endsWith("_fault_done") && result.contains("NEEDDSYNC");
            case SIGBUS -> event.endsWith("_fault_done") && result.contains("SIGBUS");
        };
    }
}
