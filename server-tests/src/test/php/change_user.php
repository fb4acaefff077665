<?php
// COM_CHANGE_USER through mysqli::change_user: the connection logs in again as another account,
// its user variables and prepared statements freed; a wrong password fails with 1045.
declare(strict_types=1);
require __DIR__ . '/common.php';

run(function (): void {
    mysqli_report(MYSQLI_REPORT_OFF);
    $m = new mysqli('127.0.0.1', 'root', '', 'db', port());
    $before = $m->query('SELECT CONNECTION_ID(), CURRENT_USER()')->fetch_row();
    $m->query('SET @kept = 1');
    $stmt = $m->prepare('SELECT 1');
    check('prepared before', $stmt !== false, $m->error);

    check('change_user', $m->change_user('phpuser', 'phppw', 'db'), $m->errno . ' ' . $m->error);
    $after = $m->query('SELECT CONNECTION_ID(), CURRENT_USER(), @kept, DATABASE()')->fetch_row();
    check('same connection', $after[0] === $before[0], show([$before[0], $after[0]]));
    check('new account', $before[1] === 'root@localhost' && $after[1] === 'phpuser@%', show([$before[1], $after[1]]));
    check('user variables gone', $after[2] === null, show($after[2]));
    check('database', $after[3] === 'db', show($after[3]));

    check('wrong password refused', $m->change_user('phpuser', 'nope', 'db') === false
        && $m->errno === 1045 && $m->error === "Access denied for user 'phpuser'@'localhost' (using password: YES)",
        $m->errno . ' ' . $m->error);
    $m->close();
});
