<?php
// PDO's pdo_mysql with server-side prepared statements (ATTR_EMULATE_PREPARES false) against
// minisqld: bound ints, strings, a LOB from a stream and null; fetching them back; the errors.
// Usage: php pdo.php PORT
declare(strict_types=1);
require __DIR__ . '/common.php';

const TEXT = "héllo 'wörld' \"quoted\" \\ back\\slash ✓ ☃ 中文 😀 nul:\0 nl:\n ctrl-z:\x1a";

function bytes(): string {
    $b = '';
    for ($i = 0; $i < 256; $i++) $b .= chr($i);
    return $b;
}

/** PDOException's errorInfo and code, or a failed check when $f throws nothing. */
function failure(string $name, callable $f): ?PDOException {
    try {
        $f();
        check($name, false, 'no exception');
        return null;
    } catch (PDOException $e) {
        return $e;
    }
}

function checkFailure(string $name, ?PDOException $e, string $state, int $code, string $message): void {
    if ($e === null) return;
    $want = "SQLSTATE[$state]: ";
    check($name, $e->getCode() === $state && $e->errorInfo === [$state, $code, $message]
        && str_starts_with($e->getMessage(), $want) && str_ends_with($e->getMessage(), ": $code $message"),
        fn() => show($e->getCode()) . ' ' . show($e->errorInfo) . ' ' . $e->getMessage());
}

run(function () {
    $port = port();
    $pdo = new PDO("mysql:host=127.0.0.1;port=$port;dbname=db;charset=utf8mb4", 'root', '', [
        PDO::ATTR_EMULATE_PREPARES => false,
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
    ]);
    $pdo->exec('CREATE TABLE pdo_rows (id INT PRIMARY KEY, n BIGINT, s VARCHAR(200) CHARACTER SET utf8mb4, b BLOB, z INT)');
    $executes = (int) $pdo->query("SHOW SESSION STATUS LIKE 'Com_stmt_execute'")->fetch(PDO::FETCH_NUM)[1];

    $ins = $pdo->prepare('INSERT INTO pdo_rows (id, n, s, b, z) VALUES (:id, :n, :s, :b, :z)');
    $rows = [
        [1, PHP_INT_MIN, TEXT, bytes(), null],
        [2, 0, '', '', 5],
        [3, -42, "'", "\0'\\\"", null],
    ];
    foreach ($rows as [$id, $n, $s, $b, $z]) {
        $lob = fopen('php://memory', 'r+b');
        fwrite($lob, $b);
        rewind($lob);
        $ins->bindValue(':id', $id, PDO::PARAM_INT);
        $ins->bindValue(':n', $n, PDO::PARAM_INT);
        $ins->bindValue(':s', $s, PDO::PARAM_STR);
        $ins->bindParam(':b', $lob, PDO::PARAM_LOB);
        $ins->bindValue(':z', $z, $z === null ? PDO::PARAM_NULL : PDO::PARAM_INT);
        $ins->execute();
        check("insert $id", $ins->rowCount() === 1, fn() => show($ins->rowCount()));
    }
    $after = (int) $pdo->query("SHOW SESSION STATUS LIKE 'Com_stmt_execute'")->fetch(PDO::FETCH_NUM)[1];
    // PDO::query prepares and executes too: the SHOW counts itself, as in MySQL
    check('the 3 inserts and the SHOW were COM_STMT_EXECUTEs', $after - $executes === 4,
        fn() => "Com_stmt_execute grew by " . ($after - $executes));

    $sel = $pdo->prepare('SELECT id, n, s, b, z FROM pdo_rows WHERE id >= ? ORDER BY id');
    $sel->execute([1]);
    $got = $sel->fetchAll(PDO::FETCH_NUM);
    check('fetchAll returns what was bound, ints as ints', $got === $rows, fn() => show($got));
    $sel->execute([3]);
    $got = $sel->fetchAll(PDO::FETCH_NUM);
    check('the statement executed again', $got === [$rows[2]], fn() => show($got));

    $one = $pdo->prepare('SELECT b FROM pdo_rows WHERE s = ? AND b = ?');
    $one->bindValue(1, TEXT, PDO::PARAM_STR);
    $one->bindValue(2, bytes(), PDO::PARAM_LOB);
    $one->execute();
    $one->bindColumn(1, $blob, PDO::PARAM_LOB);
    check('where s = ? and b = ?, bindColumn as a LOB', $one->fetch(PDO::FETCH_BOUND) === true
        && (is_resource($blob) ? stream_get_contents($blob) : $blob) === bytes(), fn() => show($blob));

    checkFailure('prepare of a missing table', failure('prepare of a missing table',
        fn() => $pdo->prepare('SELECT * FROM nosuch WHERE id = ?')),
        '42S02', 1146, "Table 'db.nosuch' doesn't exist");
    $dup = failure('duplicate key', function () use ($ins) {
        $ins->execute([':id' => 2, ':n' => 1, ':s' => 'x', ':b' => 'y', ':z' => null]);
    });
    checkFailure('duplicate key', $dup, '23000', 1062, "Duplicate entry '2' for key 'PRIMARY'");
    check('the connection works after the errors',
        $pdo->query('SELECT COUNT(*) FROM pdo_rows')->fetchColumn() === 3);
});
