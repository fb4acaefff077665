package io.minisqld.semisync.slave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemisyncSlavePluginTest {

    @Test
    void declaresWhatMySql57Declares() {
        SemisyncSlavePlugin p = (SemisyncSlavePlugin) new SemisyncSlaveLibrary().declarations().get(0);
        assertEquals("rpl_semi_sync_slave", p.name());
        assertEquals(PluginType.REPLICATION, p.type());
        assertEquals("He Zhenxing", p.author());
        assertEquals("Semi-synchronous replication slave", p.description());
        assertEquals(PluginLicense.GPL, p.license());
        assertEquals(0x0100, p.version());
        assertEquals(List.of("enabled", "trace_level"), p.systemVariables().stream().map(v -> v.name()).toList());
        assertEquals(false, p.systemVariables().get(0).defaultValue());
        assertEquals(32L, p.systemVariables().get(1).defaultValue());
        assertEquals("Rpl_semi_sync_slave_status", p.statusVariables().get(0).name());
        assertEquals(false, p.statusVariables().get(0).value().get());
        assertEquals(java.util.Optional.empty(), p.uninstallBlocker());
    }
}
