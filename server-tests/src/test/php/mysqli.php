<?php
// mysqli's server-side prepared statements against minisqld: bind_param with the types i, d, s
// and b, a 20 MiB blob sent with send_long_data in 1 MiB chunks (max_allowed_packet is 4 MiB:
// the blob cannot come in one COM_STMT_EXECUTE), get_result (mysqlnd), execute_query (PHP 8.2).
// Usage: php mysqli.php PORT
declare(strict_types=1);
require __DIR__ . '/common.php';

const MIB = 1024 * 1024;
const TEXT = "héllo 'wörld' \"quoted\" \\ back\\slash ✓ ☃ 中文 😀 nul:\0 nl:\n ctrl-z:\x1a";

function connect(int $port): mysqli {
    $m = new mysqli('127.0.0.1', 'root', '', 'db', $port);
    $m->set_charset('utf8mb4');
    return $m;
}

/**
 * 20 MiB: 320 blocks of 64 KiB, each its number as 4 big-endian bytes, then bytes 4–65535 of a
 * block in which byte k is (7k + k / 256) mod 256 (every byte value). PhpPreparedTest builds the same.
 */
function blob(): string {
    $base = '';
    for ($k = 0; $k < 65536; $k++) $base .= chr(($k * 7 + ($k >> 8)) & 0xFF);
    $b = '';
    for ($i = 0; $i < 320; $i++) $b .= pack('N', $i) . substr($base, 4);
    return $b;
}

run(function () {
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $port = port();
    $m = connect($port);
    check('max_allowed_packet is 4 MiB', $m->query('SELECT @@max_allowed_packet')->fetch_row()[0] == 4 * MIB);
    $m->query('CREATE TABLE php_vals (id INT PRIMARY KEY, i BIGINT, d DOUBLE, s VARCHAR(200) CHARACTER SET utf8mb4,'
        . ' b LONGBLOB)');

    // bind_param i d s b; the blob goes as long data in 1 MiB chunks
    $blob = blob();
    $sentMd5 = md5($blob);
    $st = $m->prepare('INSERT INTO php_vals (id, i, d, s, b) VALUES (?, ?, ?, ?, ?)');
    check('prepare: 5 parameters', $st->param_count === 5, fn() => show($st->param_count));
    $id = 1; $i = PHP_INT_MIN; $d = 0.1 + 0.2; $s = TEXT; $b = null;
    $st->bind_param('iidsb', $id, $i, $d, $s, $b);
    for ($off = 0; $off < strlen($blob); $off += MIB) {
        $st->send_long_data(4, substr($blob, $off, MIB));
    }
    $st->execute();
    check('execute with a 20 MiB long-data blob', $st->affected_rows === 1, fn() => show($st->affected_rows));
    // the same statement again: the long data served one execution; b is a short 'b' value this time
    $id = 2; $i = PHP_INT_MAX; $d = -2.5e-300; $s = ''; $b = null;
    $st->send_long_data(4, "\0\xff'\\");
    $st->execute();
    $id = 3; $i = -1; $d = 1e20; $s = "'"; $b = null;
    $st->execute();
    check('executed twice more', $st->affected_rows === 1);
    $st->close();

    // the blob is bigger than max_allowed_packet: reading it takes a larger one, as in MySQL
    $m->query('SET GLOBAL max_allowed_packet = ' . (64 * MIB));
    $r = connect($port);
    $sel = $r->prepare('SELECT id, i, d, s, b, LENGTH(b) AS len FROM php_vals WHERE id = ?');
    $want = 1;
    $sel->bind_param('i', $want);
    $sel->execute();
    $row = $sel->get_result()->fetch_assoc();
    check('get_result: the blob comes back with the md5 sent', strlen($row['b']) === 20 * MIB && md5($row['b']) === $sentMd5,
        fn() => 'got ' . show($row['b']) . ", sent md5 $sentMd5");
    check('get_result: LENGTH(b) is 20 MiB', $row['len'] === 20 * MIB, fn() => show($row['len']));
    check('get_result: i, d and s', $row['id'] === 1 && $row['i'] === PHP_INT_MIN && $row['d'] === 0.1 + 0.2
        && $row['s'] === TEXT, fn() => show([$row['id'], $row['i'], $row['d'], $row['s']]));
    $want = 2;
    $sel->execute();
    $row = $sel->get_result()->fetch_assoc();
    check('get_result: row 2', $row['i'] === PHP_INT_MAX && $row['d'] === -2.5e-300 && $row['s'] === ''
        && $row['b'] === "\0\xff'\\", fn() => show($row));
    $want = 3;
    $sel->execute();
    $row = $sel->get_result()->fetch_assoc();
    check('get_result: row 3, b bound to null without long data is NULL', $row['i'] === -1 && $row['d'] === 1e20
        && $row['s'] === "'" && $row['b'] === null, fn() => show($row));
    $sel->close();

    // bind_result instead of get_result: the blob again
    $sel = $r->prepare('SELECT b FROM php_vals WHERE id = 1');
    $sel->execute();
    $sel->store_result();
    $out = null;
    $sel->bind_result($out);
    check('bind_result: the blob with the md5 sent', $sel->fetch() === true && md5($out) === $sentMd5, fn() => show($out));
    $sel->close();
    $r->query('SET GLOBAL max_allowed_packet = ' . (4 * MIB));
    $r->close();

    // execute_query (PHP 8.2): prepare, bind every value as a string, execute, in one call
    $res = $m->execute_query('SELECT id, s FROM php_vals WHERE s = ? OR id = ? ORDER BY id', [TEXT, 3]);
    check('execute_query select', $res->fetch_all(MYSQLI_ASSOC) === [['id' => 1, 's' => TEXT], ['id' => 3, 's' => "'"]],
        fn() => show($res->fetch_all(MYSQLI_ASSOC)));
    check('execute_query insert', $m->execute_query('INSERT INTO php_vals (id, i, s) VALUES (?, ?, ?)', [4, '-42', TEXT]) === true
        && $m->affected_rows === 1);
    try {
        $m->execute_query('INSERT INTO php_vals (id) VALUES (?)', [4]);
        check('duplicate key', false, 'no error');
    } catch (mysqli_sql_exception $e) {
        check('duplicate key', $e->getCode() === 1062 && $e->getSqlState() === '23000'
            && $e->getMessage() === "Duplicate entry '4' for key 'PRIMARY'",
            fn() => $e->getCode() . ' ' . $e->getSqlState() . ' ' . $e->getMessage());
    }
    try {
        $m->prepare('SELECT * FROM nosuch WHERE id = ?');
        check('prepare of a missing table', false, 'no error');
    } catch (mysqli_sql_exception $e) {
        check('prepare of a missing table', $e->getCode() === 1146 && $e->getSqlState() === '42S02'
            && $e->getMessage() === "Table 'db.nosuch' doesn't exist",
            fn() => $e->getCode() . ' ' . $e->getSqlState() . ' ' . $e->getMessage());
    }
    $m->close();
});
