'use strict';
// What type a JavaScript number parameter has. mysql2 sends every number as a DOUBLE parameter
// (MYSQL_TYPE_DOUBLE, 8 bytes); MySQL types an expression of DOUBLE parameters as DOUBLE, which
// mysql2 gives back as a JavaScript number. Usage: node numbers.js PORT
const { mysql2, port, options, check, show, run } = require('./common');

const mysql = mysql2();
const P = port();

async function expectNumber(conn, sql, params, want) {
  const [rows, fields] = await conn.execute(sql, params);
  check(`${sql} ${show(params)} is the number ${want}`, rows.length === 1 && rows[0].v === want,
    () => `${show(rows)}, column type ${fields.map((f) => f.columnType).join(',')}`);
}

run(async () => {
  const conn = await mysql.createConnection(options(P));
  try {
    await expectNumber(conn, 'SELECT ? + ? AS v', [41, 1], 42);
    await expectNumber(conn, 'SELECT ? AS v', [2.5], 2.5);
    await expectNumber(conn, 'SELECT ? * 3 AS v', [0.1], 0.1 * 3);
  } finally {
    await conn.end();
  }
});
