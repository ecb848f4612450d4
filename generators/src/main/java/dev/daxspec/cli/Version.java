package dev.daxspec.cli;

import picocli.CommandLine;

/** The version line: the jar's implementation version, or "development" from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"daxspec " + (v == null ? "development" : v)};
    }
}
