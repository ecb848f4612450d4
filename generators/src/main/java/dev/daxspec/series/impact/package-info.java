/**
 * Matching a series to scenarios by their {@code @touches:} tags, the
 * subsystem rules of {@code features/touches.rules} and the call graph of
 * the series' base ({@link dev.daxspec.series.calls.CallGraph}), and the
 * impact report (text and JSON).
 */
package dev.daxspec.series.impact;
