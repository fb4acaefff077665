package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.TokenCursor;

/**
 * The field and line rules of LOAD DATA INFILE and SELECT … INTO OUTFILE: {@code [FIELDS | COLUMNS
 * [TERMINATED BY 's'] [[OPTIONALLY] ENCLOSED BY 'c'] [ESCAPED BY 'c']] [LINES [STARTING BY 's']
 * [TERMINATED BY 's']]}, MySQL's defaults being tab, nothing, backslash, nothing and newline.
 */
public record FileFormat(String fieldsTerminated, String enclosed, boolean optionallyEnclosed, String escaped,
                         String linesStarting, String linesTerminated) {
    public static final FileFormat DEFAULT = new FileFormat("\t", "", false, "\\", "", "\n");

    /** Reads the FIELDS and LINES clauses at the cursor (none: the defaults). */
    public static FileFormat parse(TokenCursor c) {
        String terminated = DEFAULT.fieldsTerminated;
        String enclosed = DEFAULT.enclosed;
        boolean optionally = false;
        String escaped = DEFAULT.escaped;
        if (c.accept("FIELDS") || c.accept("COLUMNS")) {
            boolean any = false;
            while (true) {
                if (c.accept("TERMINATED")) {
                    c.expect("BY");
                    terminated = c.string();
                } else if (c.accept("OPTIONALLY")) {
                    c.expect("ENCLOSED");
                    c.expect("BY");
                    enclosed = c.string();
                    optionally = true;
                } else if (c.accept("ENCLOSED")) {
                    c.expect("BY");
                    enclosed = c.string();
                } else if (c.accept("ESCAPED")) {
                    c.expect("BY");
                    escaped = c.string();
                } else {
                    break;
                }
                any = true;
            }
            if (!any) throw c.syntaxError();
        }
        String starting = DEFAULT.linesStarting;
        String linesTerminated = DEFAULT.linesTerminated;
        if (c.accept("LINES")) {
            boolean any = false;
            while (true) {
                if (c.accept("STARTING")) {
                    c.expect("BY");
                    starting = c.string();
                } else if (c.accept("TERMINATED")) {
                    c.expect("BY");
                    linesTerminated = c.string();
                } else {
                    break;
                }
                any = true;
            }
            if (!any) throw c.syntaxError();
        }
        return new FileFormat(terminated, enclosed, optionally, escaped, starting, linesTerminated);
    }
}
