package dk.munin.cli;

import picocli.CommandLine;

/** {@code munin --version}: the jar's version, from its manifest. */
final class MuninVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = MuninVersion.class.getPackage().getImplementationVersion();
        return new String[] {"munin " + (version == null ? "(development build)" : version)};
    }
}
