package dev.webwxbot.launcher.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An installation's {@code maven/} folder as the bot's build lays it out (a local repository's layout, written by
 * Maven's install step), with small files standing in for the jars and poms.
 */
final class FakeInstallation {

    static final String VERSION = "9.8.7-SNAPSHOT";

    private FakeInstallation() {
    }

    /** An installation at {@code home} shipping the parent pom, plugin-api and plugin-testkit of {@link #VERSION}. */
    static Path at(Path home) throws IOException {
        artifact(home, "webwx-bot-parent", false);
        artifact(home, "plugin-api", true);
        artifact(home, "plugin-testkit", true);
        return home;
    }

    private static void artifact(Path home, String id, boolean jar) throws IOException {
        Path artifact = Files.createDirectories(home.resolve("maven/dev/webwxbot").resolve(id));
        Path version = Files.createDirectories(artifact.resolve(VERSION));
        Files.writeString(version.resolve(id + "-" + VERSION + ".pom"), "<project>" + id + "</project>\n");
        if (jar) Files.writeString(version.resolve(id + "-" + VERSION + ".jar"), "jar of " + id);
        Files.writeString(version.resolve("_remote.repositories"), id + "-" + VERSION + ".pom>=\n");
        Files.writeString(version.resolve("maven-metadata-local.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata modelVersion="1.1.0">
                  <groupId>dev.webwxbot</groupId>
                  <artifactId>%s</artifactId>
                  <versioning>
                    <snapshot>
                      <localCopy>true</localCopy>
                    </snapshot>
                  </versioning>
                  <version>%s</version>
                </metadata>
                """.formatted(id, VERSION));
        Files.writeString(artifact.resolve("maven-metadata-local.xml"), versionList(id, VERSION));
    }

    static String versionList(String id, String... versions) {
        StringBuilder list = new StringBuilder();
        for (String version : versions) list.append("      <version>").append(version).append("</version>\n");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata>
                  <groupId>dev.webwxbot</groupId>
                  <artifactId>%s</artifactId>
                  <versioning>
                    <versions>
                %s    </versions>
                  </versioning>
                </metadata>
                """.formatted(id, list);
    }
}
