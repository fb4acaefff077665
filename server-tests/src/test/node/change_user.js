'use strict';
// COM_CHANGE_USER through mysql2's changeUser: the connection logs in again as another account,
// its state reset (user variables, prepared statements, the open transaction); a wrong password
// is refused with 1045 and the connection stays logged in as before.
const { mysql2, port, options, check, rejection, checkError, run } = require('./common');

run(async () => {
  const mysql = mysql2();
  const c = await mysql.createConnection(options(port()));
  const [[before]] = await c.query('SELECT CONNECTION_ID() AS id, CURRENT_USER() AS who');
  await c.query('SET @kept = 1');
  await c.query("PREPARE named FROM 'SELECT 1'");
  await c.query('BEGIN');
  await c.query("INSERT INTO changed (id, note) VALUES (1, 'rolled back')");

  await c.changeUser({ user: 'alice', password: 'alicepw', database: 'db' });
  const [[after]] = await c.query('SELECT CONNECTION_ID() AS id, CURRENT_USER() AS who, @kept AS kept, DATABASE() AS db');
  check('same connection', after.id === before.id, `${before.id} then ${after.id}`);
  check('new account', before.who === 'root@localhost' && after.who === 'alice@%', `${before.who} then ${after.who}`);
  check('user variables gone', after.kept === null, after.kept);
  check('database of the packet', after.db === 'db', after.db);
  const [[count]] = await c.query('SELECT COUNT(*) AS n FROM changed');
  check('open transaction rolled back', Number(count.n) === 0, count.n);
  checkError('prepared statement freed', await rejection('execute after change', c.query('EXECUTE named')),
    1243, 'HY000', 'Unknown prepared statement handler (named) given to EXECUTE');

  checkError('wrong password', await rejection('change to a wrong password', c.changeUser({ user: 'alice', password: 'nope' })),
    1045, '28000', "Access denied for user 'alice'@'localhost' (using password: YES)");
  const [[still]] = await c.query('SELECT CURRENT_USER() AS who');
  check('still logged in as before', still.who === 'alice@%', still.who);
  await c.end();
});
