package io.minisqld.testplugins.depv1;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.variables.StatusVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.apache.commons.lang3.StringUtils;

/**
 * The {@code test_dep_v1.jar} library: {@code test_dep_v1} with commons-lang3 shaded into the jar
 * unrelocated (the other dep fixture bundles another version of the same classes). Its status
 * variables report what its own copy is: {@code Test_dep_v1_lang3_version} (the version in the
 * bundled pom.properties) and {@code Test_dep_v1_has_system_properties} (whether
 * {@code org.apache.commons.lang3.SystemProperties}, new in 3.13.0, is visible), both computed
 * through the library's own class loader.
 */
public final class DepV1Library extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(new BasicPluginDeclaration("test_dep_v1", PluginType.DAEMON, "minisqld tests",
                StringUtils.capitalize("bundles commons-lang3 " + lang3Version()), PluginLicense.GPL, 0x0100) {
            @Override
            public List<StatusVariable> statusVariables() {
                return List.of(StatusVariable.of("Test_dep_v1_lang3_version", DepV1Library::lang3Version),
                        StatusVariable.of("Test_dep_v1_has_system_properties", DepV1Library::hasSystemProperties));
            }
        });
    }

    static String lang3Version() {
        try (InputStream in = StringUtils.class.getResourceAsStream(
                "/META-INF/maven/org.apache.commons/commons-lang3/pom.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Boolean hasSystemProperties() {
        try {
            Class.forName("org.apache.commons.lang3.SystemProperties", false, StringUtils.class.getClassLoader());
            return Boolean.TRUE;
        } catch (ClassNotFoundException e) {
            return Boolean.FALSE;
        }
    }
}
