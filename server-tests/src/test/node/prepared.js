'use strict';
// mysql2's server-side prepared statements against minisqld, on one connection:
// connection.execute with every kind of JavaScript value, connection.prepare / statement.execute /
// statement.close, and the errors a user sees. Usage: node prepared.js PORT
const { mysql2, port, options, check, rejection, checkError, show, run } = require('./common');

const mysql = mysql2();
const P = port();

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const TEXT = 'héllo \'wörld\' "quoted" \\ back\\slash \\\' ✓ ☃ 中文 😀 nul:\0 nl:\n cr:\r ctrl-z:\x1a';

// what goes in, and what a SELECT through execute gives back (BIGINT as a string: bigNumberStrings)
const ROWS = [
  {
    in: [1, 2147483647, '-9223372036854775808', 0.1 + 0.2, TEXT, ALL_BYTES,
      new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123)), null],
    big: '-9223372036854775808',
  },
  {
    in: [2, -2147483648, -1234567890123456789n, -1.5e300, '', Buffer.alloc(0),
      new Date(Date.UTC(1999, 11, 31, 0, 0, 0, 0)), 7],
    big: '-1234567890123456789',
  },
  {
    in: [3, 0, 9223372036854775807n, 6.02214076e23, 'plain', Buffer.from([0, 0xff, 0x27, 0x5c]),
      new Date(Date.UTC(1970, 0, 1, 0, 0, 1, 999)), -1],
    big: '9223372036854775807',
  },
  {
    in: [4, -1, '-1', 1e-7, '\'', ALL_BYTES.subarray(128), new Date(Date.UTC(2038, 0, 19, 3, 14, 8, 0)), 0],
    big: '-1',
  },
];
const COLUMNS = ['id', 'i', 'big', 'd', 's', 'b', 'dt', 'n'];

function same(column, got, want) {
  if (want === null) return got === null;
  if (Buffer.isBuffer(want)) return Buffer.isBuffer(got) && got.equals(want);
  if (want instanceof Date) return got instanceof Date && got.getTime() === want.getTime();
  return got === want;
}

async function status(conn, name) {
  const [rows] = await conn.query(`SHOW GLOBAL STATUS LIKE '${name}'`);
  return Number(rows[0].Value);
}

async function values(conn) {
  await conn.query('CREATE TABLE vals (id INT PRIMARY KEY, i INT, big BIGINT, d DOUBLE,'
    + ' s VARCHAR(200) CHARACTER SET utf8mb4, b BLOB, dt DATETIME(3), n INT)');
  for (const row of ROWS) {
    const [res] = await conn.execute('INSERT INTO vals (id, i, big, d, s, b, dt, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', row.in);
    check(`insert row ${row.in[0]}: affectedRows 1`, res.affectedRows === 1, () => show(res));
  }
  const [rows] = await conn.execute('SELECT id, i, big, d, s, b, dt, n FROM vals WHERE id >= ? ORDER BY id', [1]);
  check('select returns 4 rows', rows.length === ROWS.length, () => show(rows));
  ROWS.forEach((row, r) => {
    const got = rows[r] || {};
    const want = row.in.map((v, c) => (COLUMNS[c] === 'big' ? row.big : v));
    const wrong = COLUMNS.filter((name, c) => !same(name, got[name], want[c]));
    check(`row ${row.in[0]} reads back equal`, wrong.length === 0,
      () => wrong.map((name) => `${name}: got ${show(got[name])} (${typeof got[name]}), want ${show(want[COLUMNS.indexOf(name)])}`).join('; '));
  });
  const [found] = await conn.execute('SELECT id FROM vals WHERE s = ? AND b = ?', [TEXT, ALL_BYTES]);
  check('where s = ? and b = ? finds row 1', found.length === 1 && found[0].id === 1, () => show(found));
  const [byDate] = await conn.execute('SELECT id FROM vals WHERE dt < ? ORDER BY id', [new Date(Date.UTC(2000, 0, 1))]);
  check('where dt < ? finds rows 2 and 3', show(byDate) === show([{ id: 2 }, { id: 3 }]), () => show(byDate));
  const [byBig] = await conn.execute('SELECT id FROM vals WHERE big = ?', [-9223372036854775808n]);
  check('where big = ? (BigInt) finds row 1', show(byBig) === show([{ id: 1 }]), () => show(byBig));
  const [nulls] = await conn.execute('SELECT id FROM vals WHERE n <=> ?', [null]);
  check('where n <=> ? (null) finds row 1', show(nulls) === show([{ id: 1 }]), () => show(nulls));
  const [echo] = await conn.execute('SELECT ? AS t, ? AS b, ? AS n', [TEXT, ALL_BYTES, null]);
  check('select ? echoes a string, a Buffer and null', echo.length === 1 && echo[0].t === TEXT
    && Buffer.isBuffer(echo[0].b) && echo[0].b.equals(ALL_BYTES) && echo[0].n === null, () => show(echo));
}

async function prepared(conn) {
  await conn.query('CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(50) CHARACTER SET utf8mb4)');
  const held = await status(conn, 'Prepared_stmt_count');
  const closes = await status(conn, 'Com_stmt_close');
  const insert = await conn.prepare('INSERT INTO items (id, label) VALUES (?, ?)');
  const select = await conn.prepare('SELECT id, label FROM items WHERE id <= ? ORDER BY id');
  check('prepare: 2 and 1 parameters, 0 and 2 columns',
    insert.statement.parameterCount === 2 && select.statement.parameterCount === 1
    && (insert.statement.columns || []).length === 0 && select.statement.columns.length === 2,
    () => show([insert.statement.parameterCount, select.statement.parameterCount,
      insert.statement.columns, select.statement.columns.map((c) => c.name)]));
  check('prepare: the server holds 2 more statements', await status(conn, 'Prepared_stmt_count') === held + 2,
    () => `Prepared_stmt_count ${held} before`);
  for (let id = 1; id <= 5; id++) {
    const [res] = await insert.execute([id, `item ${id} ✓`]);
    check(`statement.execute insert ${id}`, res.affectedRows === 1, () => show(res));
  }
  for (const limit of [0, 2, 5]) {
    const [rows] = await select.execute([limit]);
    const want = [];
    for (let id = 1; id <= limit; id++) want.push({ id, label: `item ${id} ✓` });
    check(`statement.execute select id <= ${limit}`, show(rows) === show(want), () => show(rows));
  }
  await insert.close();
  await select.close();
  // COM_STMT_CLOSE has no answer: the next command on the connection runs after it
  const heldAfter = await status(conn, 'Prepared_stmt_count');
  const closesAfter = await status(conn, 'Com_stmt_close');
  check('statement.close: both freed', heldAfter === held && closesAfter === closes + 2,
    () => `Prepared_stmt_count ${held} -> ${heldAfter}, Com_stmt_close ${closes} -> ${closesAfter}`);
}

async function errors(conn) {
  checkError('execute on a missing table', await rejection('execute on a missing table',
    conn.execute('SELECT * FROM nosuch WHERE id = ?', [1])),
  1146, '42S02', "Table 'db.nosuch' doesn't exist");
  checkError('prepare of a missing table', await rejection('prepare of a missing table',
    conn.prepare('INSERT INTO nosuch VALUES (?)')),
  1146, '42S02', "Table 'db.nosuch' doesn't exist");
  checkError('prepare of an update of a missing table', await rejection('prepare of an update of a missing table',
    conn.prepare('UPDATE nosuch SET a = ? WHERE id = ?')),
  1146, '42S02', "Table 'db.nosuch' doesn't exist");
  checkError('duplicate key', await rejection('duplicate key',
    conn.execute('INSERT INTO items (id, label) VALUES (?, ?)', [3, 'again'])),
  1062, '23000', "Duplicate entry '3' for key 'PRIMARY'");
  const syntax = await rejection('syntax error', conn.execute('SELECT ? FROM', [1]));
  if (syntax) {
    check('syntax error', syntax.errno === 1064 && syntax.sqlState === '42000'
      && syntax.message.startsWith('You have an error in your SQL syntax'),
    () => `${syntax.errno} ${syntax.sqlState} ${syntax.message}`);
  }
  const [rows] = await conn.execute('SELECT COUNT(*) AS c FROM items WHERE id > ?', [0]);
  check('the connection works after the errors', show(rows) === show([{ c: '5' }]), () => show(rows));
}

run(async () => {
  const conn = await mysql.createConnection(options(P));
  try {
    await values(conn);
    await prepared(conn);
    await errors(conn);
  } finally {
    await conn.end();
  }
});
