/**
 * Matching a series to scenarios by their {@code @touches:} tags and the
 * subsystem rules of {@code features/touches.rules}, and the impact report
 * (text and JSON).
 */
package dev.daxspec.series.impact;
