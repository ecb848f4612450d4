package dev.daxspec.oracle.xfsio;

import java.util.ArrayList;
import java.util.List;

/**
 * A fiemap table as xfstests' {@code _filter_fiemap} (common/punch) leaves it: one line a
 * run of extents of one kind ({@code data}, {@code unwritten}, {@code hole}), ranges in
 * 512-byte units, numbered from 0. {@code _coalesce_extents} ends a run one unit before
 * the next run starts and the last run at its last unit; that is reproduced exactly.
 */
final class FiemapTable {

    private record Row(long low, long high, String type) {}

    private final List<Row> rows = new ArrayList<>();

    void add(long low, long high, String type) {
        rows.add(new Row(low, high, type));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        String prevType = null;
        long runLow = 0;
        for (Row r : rows) {
            if (!r.type.equals(prevType)) {
                if (prevType != null) {
                    sb.append(n++)
                            .append(": [")
                            .append(runLow)
                            .append("..")
                            .append(r.low - 1)
                            .append("]: ")
                            .append(prevType)
                            .append('\n');
                }
                runLow = r.low;
                prevType = r.type;
            }
        }
        if (prevType != null) {
            sb.append(n)
                    .append(": [")
                    .append(runLow)
                    .append("..")
                    .append(rows.get(rows.size() - 1).high)
                    .append("]: ")
                    .append(prevType)
                    .append('\n');
        }
        return sb.toString();
    }
}
