package io.minisqld.server.plugin;

import io.minisqld.plugin.api.SessionView;
import io.minisqld.server.session.Session;
import java.util.Locale;
import java.util.Optional;

/** A plugin's view of a {@link Session}: its id, user variables and PROCESSLIST State. */
final class SessionViews {
    private SessionViews() {
    }

    static SessionView of(Session session) {
        return new SessionView() {
            @Override
            public long id() {
                return session.id();
            }

            @Override
            public Optional<Object> userVariable(String name) {
                String key = name.startsWith("@") ? name.substring(1) : name;
                return Optional.ofNullable(session.userVariables().get(key.toLowerCase(Locale.ROOT)));
            }

            @Override
            public void setState(String state) {
                session.setState(state);
            }

            @Override
            public String state() {
                return session.state();
            }
        };
    }
}
