<?php
// What the PHP client scripts share: the port from the command line, and checks that print
// "OK <name>" or "FAIL <name>: <detail>" and decide the exit code.
declare(strict_types=1);

function port(): int {
    global $argv;
    $p = (int) ($argv[1] ?? 0);
    if ($p <= 0) {
        fwrite(STDERR, "usage: php {$argv[0]} PORT\n");
        exit(2);
    }
    return $p;
}

$failures = 0;

function check(string $name, bool $ok, $detail = ''): void {
    global $failures;
    if ($ok) {
        echo "OK $name\n";
    } else {
        $failures++;
        echo "FAIL $name: ", is_callable($detail) ? $detail() : $detail, "\n";
    }
}

/** A value for a failure message: short strings as they are, long ones by length and md5. */
function show($v): string {
    if (is_string($v) && strlen($v) > 80) return 'string(' . strlen($v) . ') md5 ' . md5($v);
    return var_export($v, true);
}

/** Runs $main, then exits 0 only when every check passed; an exception fails with its trace. */
function run(callable $main): void {
    global $failures;
    try {
        $main();
    } catch (Throwable $e) {
        $failures++;
        echo 'FAIL unexpected ', get_class($e), ' (code ', var_export($e->getCode(), true), '): ',
            $e->getMessage(), "\n", $e->getTraceAsString(), "\n";
    }
    exit($failures === 0 ? 0 : 1);
}
