/**
 * Files daxspec writes for the user, whole or not at all ({@link dev.daxspec.files.AtomicFile}),
 * and the UTF-8 it reads from the user ({@link dev.daxspec.files.Utf8}).
 */
package dev.daxspec.files;
