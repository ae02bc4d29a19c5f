package lesion.cli;

import picocli.CommandLine;

/** The version shown by {@code --version}: the jar's implementation version, or "dev" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"lesion " + version(), "java " + System.getProperty("java.version")};
    }
}
