'use strict';
// What every script here shares: mysql2 (a missing install is an error that says what to do),
// the server's port from the command line, connection options, and checks that print
// "OK <name>" or "FAIL <name>: <detail>" and decide the exit code.

function mysql2() {
  let installed;
  try {
    installed = require('mysql2/package.json').version;
  } catch (e) {
    console.error(`mysql2 is not installed: run "npm ci" in ${__dirname} (${e.message})`);
    process.exit(3);
  }
  const locked = require('./package-lock.json').packages['node_modules/mysql2'].version;
  if (installed !== locked) {
    console.error(`mysql2 ${installed} is installed but package-lock.json has ${locked}: run "npm ci" in ${__dirname}`);
    process.exit(3);
  }
  return require('mysql2/promise');
}

function port() {
  const p = Number(process.argv[2]);
  if (!Number.isInteger(p) || p <= 0) {
    console.error(`usage: node ${process.argv[1]} PORT`);
    process.exit(2);
  }
  return p;
}

/** Options for a connection as root to the database "db" of the server on the given port. */
function options(p) {
  return {
    host: '127.0.0.1',
    port: p,
    user: 'root',
    password: '',
    database: 'db',
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: true,
    timezone: 'Z',
  };
}

let failures = 0;

function check(name, ok, detail) {
  if (ok) {
    console.log(`OK ${name}`);
  } else {
    failures++;
    console.log(`FAIL ${name}: ${typeof detail === 'function' ? detail() : detail}`);
  }
}

/** The error a promise rejects with, or a failed check when it does not reject. */
async function rejection(name, promise) {
  try {
    const value = await promise;
    // a prepared statement is a large object: its query and number say enough
    const what = value && value.statement ? `statement ${value.statement.id} prepared` : show(value);
    check(name, false, `no error: ${what}`);
    return null;
  } catch (e) {
    return e;
  }
}

function checkError(name, e, errno, sqlState, message) {
  if (e === null) return;
  check(name, e.errno === errno && e.sqlState === sqlState && e.message === message,
    () => `errno ${e.errno} sqlState ${e.sqlState} message ${JSON.stringify(e.message)}`
      + `, expected ${errno} ${sqlState} ${JSON.stringify(message)}`);
}

function show(v) {
  return JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : x));
}

/** Runs main, then exits 0 only when every check passed; an exception is a failure with its stack. */
function run(main) {
  main().then(() => {
    process.exit(failures === 0 ? 0 : 1);
  }, (e) => {
    console.log(`FAIL unexpected error: ${e && e.stack ? e.stack : e}`
      + (e && e.errno ? ` (errno ${e.errno}, sqlState ${e.sqlState})` : ''));
    process.exit(1);
  });
}

module.exports = { mysql2, port, options, check, rejection, checkError, show, run };
