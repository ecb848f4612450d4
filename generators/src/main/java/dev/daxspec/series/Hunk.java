package dev.daxspec.series;

import java.util.List;
import java.util.Objects;

/**
 * One hunk of a change, as {@code @@ -oldStart,oldCount +newStart,newCount @@ context}.
 *
 * @param oldStart first line of the hunk in the old file (as in the header)
 * @param oldCount number of old lines
 * @param newStart first line of the hunk in the new file (as in the header)
 * @param newCount number of new lines
 * @param context the function context after the second {@code @@}: as
 *     written in a mailed patch, or as git's default rule would compute it
 *     (the nearest line before the hunk that starts with a letter,
 *     {@code _} or {@code $}, cut at 80 characters) for a commit; empty if none
 * @param functions the functions whose lines the hunk adds or removes,
 *     sorted, distinct
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, String context, List<String> functions) {

    /** Validates the record. */
    public Hunk {
        Objects.requireNonNull(context, "context");
        functions = List.copyOf(functions);
        if (oldStart < 0 || oldCount < 0 || newStart < 0 || newCount < 0) {
            throw new IllegalArgumentException("negative hunk range");
        }
    }

    /** @return the header line, {@code @@ -a,b +c,d @@ context} */
    public String header() {
        return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@"
                + (context.isEmpty() ? "" : " " + context);
    }
}
