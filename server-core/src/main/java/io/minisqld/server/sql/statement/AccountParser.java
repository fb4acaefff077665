package io.minisqld.server.sql.statement;

import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.TlsRequirement;
import io.minisqld.server.grant.AccountName;
import io.minisqld.server.sql.statement.AccountStatement.AlterUser;
import io.minisqld.server.sql.statement.AccountStatement.CreateUser;
import io.minisqld.server.sql.statement.AccountStatement.DropUser;
import io.minisqld.server.sql.statement.AccountStatement.FlushPrivileges;
import io.minisqld.server.sql.statement.AccountStatement.Grant;
import io.minisqld.server.sql.statement.AccountStatement.PrivilegeList;
import io.minisqld.server.sql.statement.AccountStatement.RenameUser;
import io.minisqld.server.sql.statement.AccountStatement.Revoke;
import io.minisqld.server.sql.statement.AccountStatement.RevokeAll;
import io.minisqld.server.sql.statement.AccountStatement.SetPassword;
import io.minisqld.server.sql.statement.AccountStatement.ShowGrants;
import io.minisqld.server.sql.statement.AccountStatement.UserRef;
import io.minisqld.server.sql.statement.AccountStatement.UserSpec;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.grant.NativePassword;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the account statements of MySQL 5.7 (CREATE/DROP/ALTER/RENAME USER, SET PASSWORD,
 * GRANT, REVOKE, SHOW GRANTS, FLUSH PRIVILEGES) from a statement's tokens. Malformed text gives
 * 1064 with MySQL's "near '…' at line n".
 */
public final class AccountParser {
    /** MySQL 5.7's limits on the parts of an account name (ER_WRONG_STRING_LENGTH). */
    static final int MAX_USER_LENGTH = 32;
    static final int MAX_HOST_LENGTH = 60;

    private final StatementText text;
    private final List<Token> tokens;
    private final String currentDatabase;
    private int pos;

    private AccountParser(StatementText text, String currentDatabase) {
        this.text = text;
        this.tokens = text.significant();
        this.currentDatabase = currentDatabase;
    }

    /**
     * Parses one statement.
     *
     * @param currentDatabase the session's database, for {@code ON tbl} and {@code ON *}; null for none (1046)
     */
    public static AccountStatement parse(StatementText text, String currentDatabase) {
        return new AccountParser(text, currentDatabase).statement();
    }

    /** True if the statement's first words make it one of the account statements. */
    public static boolean isAccountStatement(List<Token> t) {
        if (t.isEmpty()) return false;
        Token first = t.get(0);
        if (first.is("GRANT") || first.is("REVOKE")) return true;
        if (t.size() < 2) return false;
        Token second = t.get(1);
        if ((first.is("CREATE") || first.is("DROP") || first.is("ALTER") || first.is("RENAME")) && second.is("USER")) {
            return true;
        }
        if (first.is("SET") && second.is("PASSWORD")) return true;
        if (first.is("SHOW") && second.is("GRANTS")) return true;
        if (first.is("SHOW") && second.is("CREATE") && t.size() > 2 && t.get(2).is("USER")) return true;
        if (first.is("FLUSH")) {
            int i = 1;
            if (t.get(i).is("LOCAL") || t.get(i).is("NO_WRITE_TO_BINLOG")) i++;
            return i < t.size() && t.get(i).is("PRIVILEGES")
                    && (i + 1 == t.size() || (i + 2 == t.size() && t.get(i + 1).isSymbol(";")));
        }
        return false;
    }

    private AccountStatement statement() {
        Token first = next();
        AccountStatement s;
        if (first.is("CREATE")) {
            expect("USER");
            boolean ifNotExists = optional("IF");
            if (ifNotExists) {
                expect("NOT");
                expect("EXISTS");
            }
            List<UserSpec> specs = userSpecs();
            Options options = accountOptions();
            s = new CreateUser(ifNotExists, specs, options.tls(), options.lock(), options.maxUserConnections(),
                    options.expiry(), options.hourly());
        } else if (first.is("DROP")) {
            expect("USER");
            boolean ifExists = optional("IF");
            if (ifExists) expect("EXISTS");
            s = new DropUser(ifExists, userRefs());
        } else if (first.is("ALTER")) {
            expect("USER");
            s = alterUser();
        } else if (first.is("RENAME")) {
            expect("USER");
            List<RenameUser.Rename> renames = new ArrayList<>();
            do {
                AccountName from = accountName();
                expect("TO");
                renames.add(new RenameUser.Rename(from, accountName()));
            } while (optionalSymbol(","));
            s = new RenameUser(renames);
        } else if (first.is("SET")) {
            expect("PASSWORD");
            UserRef user = UserRef.CURRENT;
            if (optional("FOR")) user = userRef(false);
            expectSymbol("=");
            String[] cleartext = new String[1];
            s = new SetPassword(user, passwordValue(cleartext), cleartext[0]);
        } else if (first.is("GRANT")) {
            s = grant();
        } else if (first.is("REVOKE")) {
            s = revoke();
        } else if (first.is("SHOW") && optional("CREATE")) {
            expect("USER");
            s = new AccountStatement.ShowCreateUser(userRef(false));
        } else if (first.is("SHOW")) {
            expect("GRANTS");
            UserRef user = UserRef.CURRENT;
            if (optional("FOR")) user = userRef(false);
            s = new ShowGrants(user);
        } else if (first.is("FLUSH")) {
            if (!optional("LOCAL")) optional("NO_WRITE_TO_BINLOG");
            expect("PRIVILEGES");
            s = new FlushPrivileges();
        } else {
            throw syntaxError(pos - 1);
        }
        if (pos < tokens.size()) throw syntaxError(pos);
        return s;
    }

    private AccountStatement alterUser() {
        boolean ifExists = optional("IF");
        if (ifExists) expect("EXISTS");
        List<UserSpec> users = new ArrayList<>();
        do {
            UserRef ref = userRef(true);
            String[] cleartext = new String[1];
            users.add(new UserSpec(ref, identified(cleartext), cleartext[0]));
        } while (optionalSymbol(","));
        Options options = accountOptions();
        return new AlterUser(ifExists, users, options.lock(), options.tls(), options.maxUserConnections(),
                options.expiry(), options.hourly());
    }

    /** ACCOUNT LOCK / UNLOCK, the REQUIRE clause and WITH MAX_USER_CONNECTIONS n, each null when not named. */
    private record Options(Boolean lock, TlsRequirement tls, Long maxUserConnections,
                           AccountStatement.PasswordExpiry expiry, java.util.Map<String, Long> hourly) {
    }

    /**
     * CREATE / ALTER USER's options as SHOW CREATE USER prints them: REQUIRE NONE | SSL | X509 |
     * {ISSUER | SUBJECT | CIPHER} 'text' [[AND] …], WITH MAX_USER_CONNECTIONS n and the other resource
     * limits of 0 (others: 1235), PASSWORD EXPIRE
     * [DEFAULT | NEVER | INTERVAL n DAY], ACCOUNT LOCK | UNLOCK.
     *
     * @return the lock and the TLS requirement the options ask for
     */
    private Options accountOptions() {
        Boolean lock = null;
        TlsRequirement tls = null;
        Long maxUserConnections = null;
        AccountStatement.PasswordExpiry expiry = null;
        java.util.Map<String, Long> hourly = new java.util.LinkedHashMap<>();
        while (pos < tokens.size()) {
            if (optional("ACCOUNT")) {
                if (optional("LOCK")) {
                    lock = true;
                } else {
                    expect("UNLOCK");
                    lock = false;
                }
            } else if (optional("PASSWORD")) {
                expect("EXPIRE");
                expiry = passwordExpiry();
            } else if (optional("REQUIRE")) {
                tls = requireClause();
            } else if (optional("WITH")) {
                do {
                    Token limit = peek();
                    if (limit == null || !(limit.is("MAX_QUERIES_PER_HOUR") || limit.is("MAX_UPDATES_PER_HOUR")
                            || limit.is("MAX_CONNECTIONS_PER_HOUR") || limit.is("MAX_USER_CONNECTIONS"))) {
                        throw syntaxError(pos);
                    }
                    pos++;
                    Token n = peek();
                    if (n == null || n.type() != TokenType.NUMBER) throw syntaxError(pos);
                    long value;
                    try {
                        value = Long.parseLong(n.text());
                    } catch (NumberFormatException e) {
                        throw syntaxError(pos);
                    }
                    if (limit.is("MAX_USER_CONNECTIONS")) {
                        maxUserConnections = value;
                    } else {
                        // mysql.user's columns for the per-hour limits
                        hourly.put(limit.is("MAX_QUERIES_PER_HOUR") ? "max_questions"
                                : limit.is("MAX_UPDATES_PER_HOUR") ? "max_updates" : "max_connections", value);
                    }
                    pos++;
                } while (peek() != null && peek().type() == TokenType.WORD && peek().upper().startsWith("MAX_"));
            } else {
                throw syntaxError(pos);
            }
        }
        return new Options(lock, tls, maxUserConnections, expiry, hourly);
    }

    /** After PASSWORD EXPIRE: nothing (now), DEFAULT, NEVER or INTERVAL n DAY (n 1 … 65535, else 1525 as MySQL). */
    private AccountStatement.PasswordExpiry passwordExpiry() {
        if (optional("DEFAULT")) return new AccountStatement.PasswordExpiry(AccountStatement.PasswordExpiry.Kind.DEFAULT, 0);
        if (optional("NEVER")) return new AccountStatement.PasswordExpiry(AccountStatement.PasswordExpiry.Kind.NEVER, 0);
        if (optional("INTERVAL")) {
            Token n = peek();
            if (n == null || n.type() != TokenType.NUMBER) throw syntaxError(pos);
            pos++;
            expect("DAY");
            long days;
            try {
                days = Long.parseLong(n.text());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 65535) throw ErrorCode.ER_WRONG_VALUE.error("DAY", n.text());
            return new AccountStatement.PasswordExpiry(AccountStatement.PasswordExpiry.Kind.INTERVAL, (int) days);
        }
        return new AccountStatement.PasswordExpiry(AccountStatement.PasswordExpiry.Kind.NOW, 0);
    }

    /** After REQUIRE: NONE, SSL, X509, or ISSUER / SUBJECT / CIPHER 'text', each once, AND between them optional. */
    private TlsRequirement requireClause() {
        if (optional("NONE")) return TlsRequirement.NONE;
        if (optional("SSL")) return TlsRequirement.SSL;
        if (optional("X509")) return TlsRequirement.X509;
        java.util.Map<String, String> named = new java.util.HashMap<>();
        do {
            Token option = peek();
            if (option == null || !(option.is("ISSUER") || option.is("SUBJECT") || option.is("CIPHER"))) {
                throw syntaxError(pos);
            }
            pos++;
            if (named.put(option.upper(), string()) != null) {
                throw io.minisqld.server.error.ErrorCode.ER_DUP_ARGUMENT.error(option.upper());
            }
            optional("AND");
        } while (peek() != null && (peek().is("ISSUER") || peek().is("SUBJECT") || peek().is("CIPHER")));
        return new TlsRequirement(TlsRequirement.Type.SPECIFIED, named.get("CIPHER"), named.get("ISSUER"),
                named.get("SUBJECT"));
    }

    private AccountStatement grant() {
        PrivilegeList privileges = privilegeList();
        expect("ON");
        GrantLevel level = level();
        expect("TO");
        List<UserSpec> users = userSpecs();
        boolean withGrantOption = false;
        if (optional("WITH")) {
            expect("GRANT");
            expect("OPTION");
            withGrantOption = true;
        }
        return new Grant(privileges, level, users, withGrantOption);
    }

    private AccountStatement revoke() {
        // REVOKE ALL [PRIVILEGES], GRANT OPTION FROM user, …
        int save = pos;
        if (optional("ALL")) {
            optional("PRIVILEGES");
            if (optionalSymbol(",") && optional("GRANT") && optional("OPTION") && optional("FROM")) {
                return new RevokeAll(userRefs());
            }
        }
        pos = save;
        PrivilegeList privileges = privilegeList();
        expect("ON");
        GrantLevel level = level();
        expect("FROM");
        return new Revoke(privileges, level, userRefs());
    }

    private PrivilegeList privilegeList() {
        if (optional("ALL")) {
            optional("PRIVILEGES");
            return new PrivilegeList(true, EnumSet.noneOf(Privilege.class));
        }
        EnumSet<Privilege> set = EnumSet.noneOf(Privilege.class);
        Map<Privilege, List<String>> columns = new EnumMap<>(Privilege.class);
        do {
            EnumSet<Privilege> one = EnumSet.noneOf(Privilege.class);
            privilege(one);
            if (peek() != null && peek().isSymbol("(")) {
                // a column list: MySQL's grammar has one for SELECT, INSERT, UPDATE and REFERENCES only
                if (one.size() != 1 || !COLUMN_PRIVILEGES.contains(one.iterator().next())) throw syntaxError(pos);
                pos++;
                List<String> names = columns.computeIfAbsent(one.iterator().next(), p -> new ArrayList<>());
                do {
                    Token t = peek();
                    if (t == null || !t.isIdentifier()) throw syntaxError(pos);
                    names.add(t.value());
                    pos++;
                } while (optionalSymbol(","));
                expectSymbol(")");
            } else {
                set.addAll(one);
            }
        } while (optionalSymbol(","));
        return new PrivilegeList(false, set, columns);
    }

    /** The privileges a column list may follow (MySQL's COL_ACLS). */
    private static final Set<Privilege> COLUMN_PRIVILEGES = EnumSet.of(Privilege.SELECT, Privilege.INSERT,
            Privilege.UPDATE, Privilege.REFERENCES);

    /** Reads one privilege name, the longest that matches (CREATE TEMPORARY TABLES before CREATE). */
    private void privilege(EnumSet<Privilege> into) {
        for (int words = 3; words >= 1; words--) {
            if (pos + words > tokens.size()) continue;
            StringBuilder name = new StringBuilder();
            boolean allWords = true;
            for (int i = 0; i < words; i++) {
                Token t = tokens.get(pos + i);
                if (t.type() != TokenType.WORD) {
                    allWords = false;
                    break;
                }
                if (i > 0) name.append(' ');
                name.append(t.text().toUpperCase(Locale.ROOT));
            }
            if (!allWords) continue;
            String n = name.toString();
            if (words == 1 && n.equals("USAGE")) {
                pos++;
                return;
            }
            // MySQL 8.0.26+ spelling, accepted as the design asks
            if (n.equals("REPLICATION REPLICA")) n = "REPLICATION SLAVE";
            for (Privilege p : Privilege.values()) {
                if (p.grantName().equals(n)) {
                    into.add(p);
                    pos += words;
                    return;
                }
            }
        }
        throw syntaxError(pos);
    }

    private GrantLevel level() {
        if (optional("TABLE")) {
            // ON TABLE db.tbl: the same as without the keyword
        } else if (peek() != null && (peek().is("FUNCTION") || peek().is("PROCEDURE"))
                && pos + 1 < tokens.size() && tokens.get(pos + 1).isIdentifier()) {
            // ON PROCEDURE | FUNCTION [db.]name: a routine's grant (mysql.procs_priv)
            boolean function = next().is("FUNCTION");
            String first = identifier();
            if (optionalSymbol(".")) return GrantLevel.routine(first, identifier(), function);
            return GrantLevel.routine(currentDatabase(), first, function);
        }
        if (optionalSymbol("*")) {
            if (optionalSymbol(".")) {
                expectSymbol("*");
                return GrantLevel.GLOBAL;
            }
            return GrantLevel.database(currentDatabase());
        }
        String first = identifier();
        if (optionalSymbol(".")) {
            if (optionalSymbol("*")) return GrantLevel.database(first);
            return GrantLevel.table(first, identifier());
        }
        return GrantLevel.table(currentDatabase(), first);
    }

    private String currentDatabase() {
        if (currentDatabase == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        return currentDatabase;
    }

    private List<UserSpec> userSpecs() {
        List<UserSpec> users = new ArrayList<>();
        do {
            UserRef ref = userRef(false);
            String[] cleartext = new String[1];
            users.add(new UserSpec(ref, identified(cleartext), cleartext[0]));
        } while (optionalSymbol(","));
        return users;
    }

    private List<UserRef> userRefs() {
        List<UserRef> users = new ArrayList<>();
        do {
            users.add(userRef(false));
        } while (optionalSymbol(","));
        return users;
    }

    /**
     * The optional IDENTIFIED clause: the new authentication_string, or null without one; a
     * password given in clear goes into {@code cleartext[0]}.
     */
    private String identified(String[] cleartext) {
        if (!optional("IDENTIFIED")) return null;
        if (optional("BY")) {
            if (optional("PASSWORD")) return checkedHash(string());
            return clear(string(), cleartext);
        }
        expect("WITH");
        Token plugin = next();
        if (plugin == null || !(plugin.isIdentifier() || plugin.type() == TokenType.STRING)) throw syntaxError(pos - 1);
        if (!plugin.value().equalsIgnoreCase(NativePassword.PLUGIN)) {
            throw ErrorCode.ER_PLUGIN_IS_NOT_LOADED.error(plugin.value());
        }
        if (optional("BY")) return clear(string(), cleartext);
        if (optional("AS")) return checkedHash(string());
        return "";
    }

    /** A password given in clear: its hash, the text kept in {@code cleartext[0]}. */
    private static String clear(String password, String[] cleartext) {
        cleartext[0] = password;
        return NativePassword.hash(password);
    }

    private static String checkedHash(String hash) {
        if (!NativePassword.isValidHash(hash)) throw ErrorCode.ER_PASSWORD_FORMAT.error();
        return hash.toUpperCase(Locale.ROOT);
    }

    /** SET PASSWORD's value: {@code 'cleartext'} or {@code PASSWORD('cleartext')}. */
    private String passwordValue(String[] cleartext) {
        if (optional("PASSWORD")) {
            expectSymbol("(");
            String pw = string();
            expectSymbol(")");
            return clear(pw, cleartext);
        }
        return clear(string(), cleartext);
    }

    private UserRef userRef(boolean allowUserFunction) {
        Token t = peek();
        if (t != null && (t.is("CURRENT_USER") || (allowUserFunction && t.is("USER")
                && pos + 1 < tokens.size() && tokens.get(pos + 1).isSymbol("(")))) {
            pos++;
            if (optionalSymbol("(")) expectSymbol(")");
            return UserRef.CURRENT;
        }
        return new UserRef(accountName());
    }

    /** {@code 'u'@'h'}, {@code u@h}, {@code "u"@"h"}, {@code `u`@`h`}; {@code u} alone is {@code u@'%'}. */
    private AccountName accountName() {
        Token u = next();
        if (u == null || !(u.isIdentifier() || u.type() == TokenType.STRING)) throw syntaxError(pos - 1);
        String user = u.value();
        String host = "%";
        Token at = peek();
        if (at != null && at.type() == TokenType.USER_VAR) {
            pos++;
            if (!at.value().isEmpty() || at.text().length() > 1) {
                host = at.value();
            } else {
                Token h = next();
                if (h == null || !(h.isIdentifier() || h.type() == TokenType.STRING || h.isSymbol("%")
                        || h.type() == TokenType.NUMBER)) {
                    throw syntaxError(pos - 1);
                }
                host = h.value();
            }
        }
        if (user.length() > MAX_USER_LENGTH) {
            throw ErrorCode.ER_WRONG_STRING_LENGTH.error(user, "user name", MAX_USER_LENGTH);
        }
        if (host.length() > MAX_HOST_LENGTH) {
            throw ErrorCode.ER_WRONG_STRING_LENGTH.error(host, "host name", MAX_HOST_LENGTH);
        }
        // host names are case-insensitive; MySQL keeps them in lower case
        return new AccountName(user, host.toLowerCase(Locale.ROOT));
    }

    private String identifier() {
        Token t = next();
        if (t == null || !t.isIdentifier()) throw syntaxError(pos - 1);
        return t.value();
    }

    private String string() {
        Token t = next();
        if (t == null || t.type() != TokenType.STRING) throw syntaxError(pos - 1);
        return t.value();
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Token next() {
        return pos < tokens.size() ? tokens.get(pos++) : advancePastEnd();
    }

    private Token advancePastEnd() {
        pos++;
        return null;
    }

    private boolean optional(String keyword) {
        Token t = peek();
        if (t != null && t.is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean optionalSymbol(String symbol) {
        Token t = peek();
        if (t != null && t.isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!optional(keyword)) throw syntaxError(pos);
    }

    private void expectSymbol(String symbol) {
        if (!optionalSymbol(symbol)) throw syntaxError(pos);
    }

    /** 1064 as MySQL words it: the text from the offending token on (at most 80 characters) and its line. */
    private SqlError syntaxError(int index) {
        String sql = text.source().substring(0, text.end());
        int offset = index < tokens.size() && index >= 0 ? tokens.get(index).start() : sql.length();
        String rest = sql.substring(offset);
        int end = rest.length();
        while (end > 0 && (rest.charAt(end - 1) == ';' || Character.isWhitespace(rest.charAt(end - 1)))) end--;
        rest = rest.substring(0, end);
        if (rest.length() > 80) rest = rest.substring(0, 80);
        return ErrorCode.ER_PARSE_ERROR.error(rest, text.lineOf(offset));
    }
}
