/**
 * Deliberately (almost) empty: the jar's manifest names {@code NotInThisJar} as its Plugin-Class,
 * a class this jar does not contain, so the server cannot load the library (ERROR 1126).
 */
package io.minisqld.testplugins.missingclass;
