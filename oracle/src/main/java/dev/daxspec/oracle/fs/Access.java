package dev.daxspec.oracle.fs;

/** What a load or store through a mapping does to the process. */
public enum Access {
    /** It goes through, after a fault or without one. */
    OK,
    /** The fault handler returned VM_FAULT_SIGBUS: past EOF, or no space to allocate. */
    SIGBUS,
    /** A store to a mapping without PROT_WRITE. */
    SIGSEGV
}
