package io.minisqld.server.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads option files with the line rules of MySQL 5.7's {@code search_default_file_with_ext}
 * (spec plugin-framework.md §D.4) and keeps the options of the wanted groups, in file order.
 * One instance serves one start-up read; it is not shared between threads.
 */
final class OptionFileParser {

    /** mysys reads {@code !include} chains this deep; directives in deeper files are skipped. */
    static final int MAX_INCLUDE_DEPTH = 10;

    private static final String INCLUDEDIR = "includedir";
    private static final String INCLUDE = "include";

    private final Path workingDirectory;
    private final Set<String> groups;
    private final List<Option> options = new ArrayList<>();
    private final List<OptionNotice> notices = new ArrayList<>();
    private final List<Path> filesRead = new ArrayList<>();

    /**
     * @param workingDirectory what relative {@code !include} paths are resolved against
     * @param groups           group names to keep, lower case
     */
    OptionFileParser(Path workingDirectory, Set<String> groups) {
        this.workingDirectory = workingDirectory;
        this.groups = groups;
    }

    List<Option> options() {
        return options;
    }

    List<OptionNotice> notices() {
        return notices;
    }

    List<Path> filesRead() {
        return filesRead;
    }

    /**
     * Reads one file and what it includes.
     *
     * @return {@code false} if the file does not exist or cannot be opened (mysys ignores such
     *         default files; the caller decides whether that is an error)
     * @throws OptionFileException on a syntax error in this file (errors in included files are
     *                             only reported, as mysys ignores the result of a nested read)
     */
    boolean read(Path file, int depth) throws OptionFileException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String name = file.toString();
        if (isWorldWritable(file)) {
            notices.add(OptionNotice.warning("World-writable config file '" + name + "' is ignored."));
            return true;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return false;
        }
        filesRead.add(file);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        String currentGroup = null;
        for (int index = 0; index < lines.length; index++) {
            int lineNo = index + 1;
            String line = stripLeading(lines[index]);
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            if (line.charAt(0) == '!') {
                directive(line, name, lineNo, depth);
                continue;
            }
            if (line.charAt(0) == '[') {
                int close = line.indexOf(']');
                if (close < 0) {
                    throw new OptionFileException(
                            "Wrong group definition in config file " + name + " at line " + lineNo + "!");
                }
                currentGroup = stripTrailing(line.substring(1, close));
                continue;
            }
            if (currentGroup == null) {
                throw new OptionFileException("Found option without preceding group in config file "
                        + name + " at line " + lineNo + "!");
            }
            if (groups.contains(currentGroup.toLowerCase(Locale.ROOT))) {
                options.add(Option.parse(optionText(line), name + ":" + lineNo));
            }
        }
        return true;
    }

    private void directive(String line, String name, int lineNo, int depth) throws OptionFileException {
        if (depth >= MAX_INCLUDE_DEPTH) {
            // The missing blank in "includerecursion" is MySQL 5.7's text as users see it.
            notices.add(OptionNotice.warning("skipping '" + stripTrailing(line)
                    + "' directive as maximum includerecursion level was reached in file " + name
                    + " at line " + lineNo + "!"));
            return;
        }
        String rest = stripLeading(line.substring(1));
        if (startsWithKeyword(rest, INCLUDEDIR)) {
            Path dir = resolve(argument(rest, INCLUDEDIR, name, lineNo));
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                // mysys reads the directory sorted by name and keeps only *.cnf files.
                files = listing.filter(p -> extension(p.getFileName().toString()).equals(".cnf"))
                        .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                throw new OptionFileException("Can't read dir of '" + dir + "' (Errcode: " + errcode(e) + ")", e);
            }
            for (Path included : files) {
                readIncluded(included, depth);
            }
        } else if (startsWithKeyword(rest, INCLUDE)) {
            readIncluded(resolve(argument(rest, INCLUDE, name, lineNo)), depth);
        }
        // Any other "!word" line is ignored, as in mysys.
    }

    private void readIncluded(Path file, int depth) {
        try {
            read(file, depth + 1);
        } catch (OptionFileException e) {
            // mysys prints the error and drops the rest of the included file, but the including
            // file goes on: only errors in a top-level file abort the start.
            notices.add(OptionNotice.error(e.getMessage()));
        }
    }

    private static boolean startsWithKeyword(String rest, String keyword) {
        return rest.startsWith(keyword) && rest.length() > keyword.length()
                && isSpace(rest.charAt(keyword.length()));
    }

    private static String argument(String rest, String keyword, String name, int lineNo)
            throws OptionFileException {
        String arg = stripTrailing(stripLeading(rest.substring(keyword.length())));
        if (arg.isEmpty()) {
            throw new OptionFileException(
                    "Wrong '!" + keyword + "' directive in config file " + name + " at line " + lineNo + "!");
        }
        return arg;
    }

    private Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }

    /**
     * Turns an option line into option text as mysys passes it on ({@code name=value} without the
     * {@code --}): inline comment removed, blanks around name and value trimmed, one pair of
     * matching quotes removed, escapes replaced.
     */
    static String optionText(String line) {
        String body = removeEndComment(line);
        int eq = body.indexOf('=');
        if (eq < 0) {
            return stripTrailing(body);
        }
        String name = stripTrailing(body.substring(0, eq));
        String value = stripTrailing(stripLeading(body.substring(eq + 1)));
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(0) == value.charAt(value.length() - 1)) {
            value = value.substring(1, value.length() - 1);
        }
        return name + "=" + unescape(value);
    }

    /** A {@code #} outside quotes ends the line; a backslash inside quotes protects a quote. */
    private static String removeEndComment(String line) {
        char quote = 0;
        boolean escape = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == '\'' || c == '"') && !escape) {
                if (quote == 0) {
                    quote = c;
                } else if (quote == c) {
                    quote = 0;
                }
            }
            if (quote == 0 && c == '#') {
                return line.substring(0, i);
            }
            escape = quote != 0 && c == '\\' && !escape;
        }
        return line;
    }

    /** {@code \b \t \n \r \\ \s \" \'} are replaced; any other {@code \x} stays as written. */
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i == value.length() - 1) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 's' -> out.append(' ');
                case '"' -> out.append('"');
                case '\'' -> out.append('\'');
                case '\\' -> out.append('\\');
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot);
    }

    /** mysys ignores world-writable regular files (the check follows symbolic links, as stat does). */
    private static boolean isWorldWritable(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /** The errno part of mysys' EE_DIR message for the usual causes. */
    private static String errcode(IOException e) {
        if (e instanceof NotDirectoryException) {
            return "20 - Not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "13 - Permission denied";
        }
        return "2 - No such file or directory";
    }

    /** The blanks of latin1 {@code isspace}: space, tab, newline, vertical tab, form feed, CR. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
