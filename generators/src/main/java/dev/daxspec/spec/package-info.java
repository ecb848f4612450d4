/**
 * The step vocabulary: Gherkin features compiled through Cucumber into
 * {@link dev.daxspec.spec.CompiledScenario}s (a program and the claims its Then steps make), and
 * the claims checked against transcripts. The stage between the features and the oracle.
 */
package dev.daxspec.spec;
