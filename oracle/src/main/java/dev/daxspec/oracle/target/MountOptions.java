package dev.daxspec.oracle.target;

import java.util.ArrayList;
import java.util.List;

/**
 * The mount options of a target, as given to {@code mount -o}. Only the DAX options
 * matter to the model; {@code defaults} (mount(8)'s spelling of "no options") is
 * accepted; anything else is refused by name, since the model would silently ignore it.
 *
 * @param dax the DAX option in effect (the last one given wins, as in the kernel parsers)
 * @param spelled the options as written, for the mount command line
 */
public record MountOptions(DaxOption dax, String spelled) {

    public static final MountOptions NONE = new MountOptions(DaxOption.UNSPECIFIED, "");
    public static final MountOptions DAX_ALWAYS = new MountOptions(DaxOption.ALWAYS, "dax=always");
    public static final MountOptions DAX_NEVER = new MountOptions(DaxOption.NEVER, "dax=never");
    public static final MountOptions DAX_INODE = new MountOptions(DaxOption.INODE, "dax=inode");
    public static final MountOptions DAX_LEGACY = new MountOptions(DaxOption.LEGACY, "dax");

    /** Parses a comma-separated option list such as {@code dax=always} or {@code defaults}. */
    public static MountOptions parse(String text) {
        DaxOption dax = DaxOption.UNSPECIFIED;
        List<String> kept = new ArrayList<>();
        for (String opt : text.trim().split(",")) {
            String o = opt.trim();
            switch (o) {
                case "", "defaults" -> {
                    continue;
                }
                case "dax" -> dax = DaxOption.LEGACY;
                case "dax=always" -> dax = DaxOption.ALWAYS;
                case "dax=never" -> dax = DaxOption.NEVER;
                case "dax=inode" -> dax = DaxOption.INODE;
                default ->
                    throw new IllegalArgumentException("unsupported mount option '" + o
                            + "' (the model knows dax, dax=always, dax=never, dax=inode and defaults)");
            }
            kept.add(o);
        }
        return new MountOptions(dax, String.join(",", kept));
    }

    /** The argument for {@code mount -o}, or {@code defaults} when there is none. */
    public String forMount() {
        return spelled.isEmpty() ? "defaults" : spelled;
    }

    @Override
    public String toString() {
        return forMount();
    }
}
