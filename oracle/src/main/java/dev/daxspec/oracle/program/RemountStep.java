package dev.daxspec.oracle.program;

/** A clean unmount and mount: everything becomes durable, and caches and mappings start cold. */
public record RemountStep() implements Step {

    @Override
    public String toString() {
        return ScratchCommands.umount();
    }
}
