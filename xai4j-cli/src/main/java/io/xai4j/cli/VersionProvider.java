package io.xai4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code -V} prints for {@code xai4j} and every subcommand: {@code xai4j 0.1.0-SNAPSHOT}, the project version the
 * build writes into {@code version.properties}; classes run from sources that were not built by Maven (the resource
 * unfiltered or missing) say {@code xai4j (unknown version)}.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"xai4j " + version()};
    }

    /** The project version ({@code 0.1.0-SNAPSHOT}), or {@code (unknown version)} where the build did not write it. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").strip();
                if (!v.isEmpty() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // unreadable: as if it were not there
        }
        return "(unknown version)";
    }
}
