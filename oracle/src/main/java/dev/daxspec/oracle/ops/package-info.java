/**
 * The xfs_io commands the oracle models, one record each in the sealed
 * {@link dev.daxspec.oracle.ops.Op}, whose {@code toString()} is the command as
 * {@code xfs_io -c} takes it.
 */
package dev.daxspec.oracle.ops;
