package MinisqldMhaVersions;
# Loaded by bin/mha around MHA 0.58's commands (Debian's mha4mysql-manager and mha4mysql-node).
#
# MHA 0.58 turns a server's version into a number by formatting every number of VERSION()
# with a pattern of two or three fields ('5.7.44' into '%03d%03d' for the major version). Since
# Perl 5.22 an argument without a field is a fatal warning in MHA's modules, so
# masterha_check_repl stops at "Redundant argument in sprintf" for every MySQL 5.7 server on
# Debian 12's Perl. MHA's own repository fixed it after 0.58; the package has not. This module
# gives MHA::NodeUtil the same two functions reading only the numbers their patterns print.
use strict;
use warnings;
require MHA::NodeUtil;

sub leading_numbers {
  my ( $version, $count ) = @_;
  my @numbers = ( $version =~ m/(\d+)/g );
  return map { defined $numbers[$_] ? $numbers[$_] : 0 } 0 .. $count - 1;
}

{
  no warnings 'redefine';
  *MHA::NodeUtil::parse_mysql_version =
    sub ($) { return sprintf( '%03d%03d%03d', leading_numbers( $_[0], 3 ) ); };
  *MHA::NodeUtil::parse_mysql_major_version =
    sub ($) { return sprintf( '%03d%03d', leading_numbers( $_[0], 2 ) ); };
}

1;
