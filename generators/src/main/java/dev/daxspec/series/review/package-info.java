/**
 * The whole of {@code daxspec series} but the printing: a series read, matched against the
 * features compiled once, and the targeted tests and explore plan made from that one
 * compilation ({@link dev.daxspec.series.review.SeriesReview}).
 */
package dev.daxspec.series.review;
