package dev.daxspec.emit;

import java.util.SortedMap;

/**
 * A suite rendered in memory: its files by relative path, and its manifest.
 *
 * @param files every file of the tree, the manifest included
 * @param suite what the manifest says
 */
record Rendered(SortedMap<String, AtomicTree.Entry> files, Suite suite) {}
