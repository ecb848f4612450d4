package dev.daxspec.oracle.fs;

/**
 * Thrown when the model is asked something it does not model well enough to answer
 * exactly (for example SEEK_DATA over unwritten extents after readahead filled the page
 * cache). The oracle refuses rather than guesses: a wrong expected output costs a kernel
 * developer more than none.
 */
public final class Unpredictable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unpredictable(String why) {
        super(why);
    }
}
