/** Reading {@code BASE..HEAD} ranges from git repositories with JGit. */
package dev.daxspec.series.git;
