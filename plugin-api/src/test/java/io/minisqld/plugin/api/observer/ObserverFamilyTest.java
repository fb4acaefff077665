package io.minisqld.plugin.api.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObserverFamilyTest {

    /** MySQL's snake_case hook name as the Java method that implements it. */
    private static String methodName(String hook) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : hook.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    @Test
    void eachFamilyNamesEveryHookOfItsInterface() {
        for (ObserverFamily<?> family : List.of(ObserverFamily.TRANSACTION, ObserverFamily.BINLOG_STORAGE,
                ObserverFamily.SERVER_STATE, ObserverFamily.BINLOG_TRANSMIT, ObserverFamily.BINLOG_RELAY_IO)) {
            List<String> methods = new ArrayList<>();
            for (String hook : family.hookNames()) {
                methods.add(methodName(hook));
            }
            List<String> declared = new ArrayList<>();
            for (Method m : family.observerType().getDeclaredMethods()) {
                declared.add(m.getName());
            }
            // getDeclaredMethods has no defined order
            assertEquals(methods.stream().sorted().toList(), declared.stream().sorted().toList(), family.name());
        }
    }

    @Test
    void aFamilyIsAnInterface() {
        assertThrows(IllegalArgumentException.class, () -> new ObserverFamily<>("bad", String.class, List.of()));
    }
}
