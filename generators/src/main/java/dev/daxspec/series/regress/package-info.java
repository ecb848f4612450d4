/**
 * The targeted suite of a series run on the base and the head kernel: each test classified
 * as {@link dev.daxspec.series.regress.Change#REGRESSED regressed}, fixed, still failing,
 * not run or still passing ({@link dev.daxspec.series.regress.Comparison}), and the
 * comparison as text, JUnit XML and KCIDB-style JSON. The runs themselves are
 * {@link dev.daxspec.suite.SuiteRunner}'s; this package only compares their outcomes, so its
 * tests use recorded outcomes and need no VM.
 */
package dev.daxspec.series.regress;
