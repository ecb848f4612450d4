package dev.daxspec.oracle.fs;

/**
 * What a fault handler returns (include/linux/mm_types.h's vm_fault_t), as the fs_dax
 * tracepoints print it with VM_FAULT_RESULT_TRACE: {@link #toString} is the printed result,
 * flags joined by {@code |}. Only the combinations fs/dax.c returns are here.
 */
enum VmFault {
    /** The page or PMD is mapped. */
    NOPAGE("NOPAGE"),
    /** Mapped after allocating or converting blocks. */
    MAJOR_NOPAGE("MAJOR|NOPAGE"),
    /** A MAP_SYNC write fault whose metadata had to be made durable first (dax_finish_sync_fault()). */
    NEEDDSYNC("NEEDDSYNC"),
    /** {@link #NEEDDSYNC} after allocating or converting blocks. */
    MAJOR_NEEDDSYNC("MAJOR|NEEDDSYNC"),
    /** A private write fault copied the page (dax_fault_cow_page()). */
    DONE_COW("DONE_COW"),
    /** A PMD fault that cannot map 2 MiB: PTE faults follow. */
    FALLBACK("FALLBACK"),
    /** Past EOF, or no space to allocate. */
    SIGBUS("SIGBUS");

    private final String printed;

    VmFault(String printed) {
        this.printed = printed;
    }

    @Override
    public String toString() {
        return printed;
    }
}
