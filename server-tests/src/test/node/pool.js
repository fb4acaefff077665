'use strict';
// mysql2's pool of 8 connections running prepared statements concurrently against minisqld:
// 10,000 SELECTs whose every result is checked, then concurrent INSERTs checked by COUNT and SUM.
// Usage: node pool.js PORT
const { mysql2, port, options, check, show, run } = require('./common');

const mysql = mysql2();
const P = port();

const SELECTS = 10000;
const BATCH = 500;
const INSERTS = 2000;

run(async () => {
  const pool = mysql.createPool({ ...options(P), connectionLimit: 8 });
  try {
    const wrong = [];
    for (let start = 0; start < SELECTS; start += BATCH) {
      const batch = [];
      for (let i = start; i < start + BATCH; i++) {
        batch.push(pool.execute('SELECT ? + ? AS s, ? AS t', [i, 1, `v${i}`]).then(([rows]) => {
          // the sum's value; its type (a number, as MySQL types a DOUBLE parameter's sum) is numbers.js's
          const ok = rows.length === 1 && Number(rows[0].s) === i + 1 && rows[0].t === `v${i}`;
          if (!ok && wrong.length < 5) wrong.push(`${i}: ${show(rows)}`);
          return rows;
        }));
      }
      await Promise.all(batch);
    }
    check(`${SELECTS} pool.execute selects return ? + ? and ?`, wrong.length === 0, () => wrong.join('; '));

    await pool.query('CREATE TABLE pool_rows (id INT PRIMARY KEY, v INT NOT NULL, who VARCHAR(20))');
    const inserts = [];
    for (let id = 1; id <= INSERTS; id++) {
      inserts.push(pool.execute('INSERT INTO pool_rows (id, v, who) VALUES (?, ?, ?)', [id, id * 3, `w${id % 8}`]));
    }
    const results = await Promise.all(inserts);
    check(`${INSERTS} concurrent pool.execute inserts`, results.every(([r]) => r.affectedRows === 1),
      () => show(results.filter(([r]) => r.affectedRows !== 1).slice(0, 3)));
    const [sums] = await pool.execute('SELECT COUNT(*) AS c, SUM(v) AS s FROM pool_rows WHERE id > ?', [0]);
    const sum = String(3 * INSERTS * (INSERTS + 1) / 2);
    check(`count ${INSERTS} and sum ${sum}`, sums.length === 1 && sums[0].c === String(INSERTS) && sums[0].s === sum,
      () => show(sums));
  } finally {
    await pool.end();
  }
});
