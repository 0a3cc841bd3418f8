#!/usr/bin/perl
# edgeflow-mkdb against the reference writer (MaxMind::DB::Writer::Tree):
# the same seeded CSV data (a few hundred random IPv4 and IPv6 ranges plus
# edge cases) built by both; then, for thousands of addresses (every range
# edge and one past it, random ones, IPv4-mapped and 6to4 forms), Debian's
# mmdblookup must decode the same values from both files, and both must
# equal the answer computed here from the CSV. Also: mmdblookup reads our
# metadata, the output is byte-for-byte reproducible, and bad input exits
# 1 (file:line) or 2 (usage).
#
#   mkdb_compare.pl --mkdb PATH --mmdblookup PATH --work DIR [--seed N]
#                   [--queries N] [--mmdblookup-queries N]
#
# Every query is decoded in process by MaxMind::DB::Reader from both files;
# a seeded sample of --mmdblookup-queries (default 1500) also goes through
# mmdblookup for our file (and every tenth for the reference), so the test
# stays well under a minute (one process per mmdblookup answer).
#
# Known difference, kept out of the comparison: the reference writer also
# aliases Teredo (2001::/32) to IPv4; edgeflow-mkdb does not (a Teredo
# address's IPv4 part is the relay, not the host). No data or query falls in
# 2001::/32.
use strict;
use warnings;
use Getopt::Long;
use File::Path qw(make_path);
use Math::BigInt;
use MaxMind::DB::Reader;
use MaxMind::DB::Writer::Tree;

my ($mkdb, $mmdblookup, $work, $seed, $queries, $mmdb_queries) = ('', 'mmdblookup', '', 7, 1500, 1500);
GetOptions('mkdb=s' => \$mkdb, 'mmdblookup=s' => \$mmdblookup, 'work=s' => \$work, 'seed=i' => \$seed,
           'queries=i' => \$queries, 'mmdblookup-queries=i' => \$mmdb_queries) or die "bad arguments\n";
die "--mkdb and --work are required\n" unless $mkdb && $work;
make_path($work);
my $emulator = $ENV{EDGEFLOW_EMULATOR} // '';
my @run_mkdb = ((split ' ', $emulator), $mkdb);
srand($seed);
my $failures = 0;
sub fail { print STDERR "FAIL: @_\n"; $failures++; }

# ---- addresses as 32-digit hex keys (IPv4 at ::a.b.c.d) -------------------
sub key_add { my ($k, $d) = @_; my $v = Math::BigInt->from_hex($k) + $d; my $h = substr($v->as_hex, 2); return ('0' x (32 - length $h)) . $h; }
sub v4_key { return sprintf('%024s%08x', '', $_[0]) =~ tr/ /0/r; }
sub key_is_v4 { return substr($_[0], 0, 24) eq ('0' x 24); }
sub key_text {
  my ($k) = @_;
  return join('.', map { hex(substr($k, 24 + 2 * $_, 2)) } 0 .. 3) if key_is_v4($k);
  return join(':', map { sprintf('%x', hex(substr($k, 4 * $_, 4))) } 0 .. 7);
}
sub rand_hex { my ($n) = @_; return join('', map { sprintf('%x', int(rand(16))) } 1 .. $n); }

my @countries = qw(RU CN US DE FR KP AU BR IN JP);
my @orgs = ('TransTeleCom', 'China Unicom, Ltd.', 'Google LLC', 'Cloudflare, Inc.', 'Star JV', '', 'Hurricane Electric');

# Disjoint random ranges over [lo, hi] (hex keys), sorted, some touching.
sub random_ranges {
  my ($count, $lo_key, $span_bits, $max_len_bits) = @_;
  my %starts;
  my $lo = Math::BigInt->from_hex($lo_key);
  while (keys %starts < $count) {
    my $off = Math::BigInt->from_hex(rand_hex(int(($span_bits + 3) / 4))) % (Math::BigInt->new(2)**$span_bits);
    $starts{ substr(($lo + $off)->as_hex, 2) } = 1;
  }
  my @s = sort { Math::BigInt->from_hex($a) <=> Math::BigInt->from_hex($b) } keys %starts;
  my @ranges;
  for my $i (0 .. $#s) {
    my $start = Math::BigInt->from_hex($s[$i]);
    my $len = Math::BigInt->new(2)**int(rand($max_len_bits + 1)) - 1 + int(rand(3));
    my $end = $start + $len;
    my $next = $i < $#s ? Math::BigInt->from_hex($s[$i + 1]) - 1 : $end;
    $end = $next if $end > $next;
    $end = $next if rand() < 0.15;    # touching the next range
    my $f = substr($start->as_hex, 2); my $l = substr($end->as_hex, 2);
    push @ranges, [('0' x (32 - length $f)) . $f, ('0' x (32 - length $l)) . $l];
  }
  return @ranges;
}

# ---- the data ---------------------------------------------------------------
my (@country, @asn);    # [first_key, last_key, value...]
my $pick = sub { $_[rand @_] };
for my $r (random_ranges(150, v4_key(0x01000000), 32 - 1, 20)) { push @country, [@$r, $pick->(@countries)]; }
for my $r (random_ranges(60, '24000000000000000000000000000000', 100, 90)) { push @country, [@$r, $pick->(@countries)]; }
for my $r (random_ranges(120, v4_key(0x01000000), 32 - 1, 22)) { push @asn, [@$r, 1 + int(rand(400000)), $pick->(@orgs)]; }
for my $r (random_ranges(50, '24000000000000000000000000000000', 100, 96)) { push @asn, [@$r, 1 + int(rand(400000)), $pick->(@orgs)]; }
# Edge cases: the first and last IPv4 addresses, single addresses, the top
# of the IPv6 space, and 2002::/16-adjacent space.
push @country, [v4_key(0), v4_key(0xff), 'ZZ'], [v4_key(0xffffff00), v4_key(0xffffffff), 'YY'],
  ['ffff0000000000000000000000000000', 'ffffffffffffffffffffffffffffffff', 'XX'],
  ['20010db8000000000000000000000000', '20010db800000000000000000000ffff', 'DE'],
  ['2003ffff000000000000000000000000', '2003ffffffffffffffffffffffffffff', 'FR'];
push @asn, [v4_key(0), v4_key(0), 1, 'first'], [v4_key(0xffffffff), v4_key(0xffffffff), 4294967295, 'last'],
  ['fffffffffffffffffffffffffffffff0', 'ffffffffffffffffffffffffffffffff', 65535, 'top'];
# The random ranges may cross an edge case: drop those that overlap.
for my $list (\@country, \@asn) {
  my @sorted = sort { $a->[0] cmp $b->[0] } @$list;
  my @kept;
  for my $r (@sorted) { push @kept, $r unless @kept && $r->[0] le $kept[-1][1]; }
  @$list = @kept;
}

open(my $cf, '>', "$work/country.csv") or die;
print $cf "ip_range_start,ip_range_end,country_code\n";
print $cf join(',', key_text($_->[0]), key_text($_->[1]), $_->[2]), "\n" for @country;
close $cf;
open(my $af, '>', "$work/asn.csv") or die;
for (@asn) { my $org = $_->[3]; $org = "\"$org\"" if $org =~ /,/; print $af join(',', key_text($_->[0]), key_text($_->[1]), $_->[2], $org), "\n"; }
close $af;

# ---- the reference database ----------------------------------------------
my $tree = MaxMind::DB::Writer::Tree->new(
  ip_version => 6, record_size => 28, database_type => 'edgeflow-e2e', languages => ['en'],
  description => { en => 'reference' }, alias_ipv6_to_ipv4 => 1, remove_reserved_networks => 0,
  map_key_type_callback => sub {
    { country => 'map', iso_code => 'utf8_string', autonomous_system_number => 'uint32',
      autonomous_system_organization => 'utf8_string' }->{ $_[0] };
  });
sub writer_ip { my ($k) = @_; return key_is_v4($k) ? key_text($k) : key_text($k); }
for (@country) { $tree->insert_range(writer_ip($_->[0]), writer_ip($_->[1]), { country => { iso_code => $_->[2] } }); }
for (@asn) {
  my %d = (autonomous_system_number => $_->[2]);
  $d{autonomous_system_organization} = $_->[3] if length $_->[3];
  $tree->insert_range(writer_ip($_->[0]), writer_ip($_->[1]), \%d, { merge_strategy => 'toplevel' });
}
open(my $rf, '>:raw', "$work/reference.mmdb") or die;
$tree->write_tree($rf);
close $rf;

# ---- ours ------------------------------------------------------------------
# Runs a command (no shell) and returns (exit code, stdout+stderr).
sub run_capture {
  my @cmd = @_;
  my $pid = open(my $fh, '-|') // die "fork: $!";
  if ($pid == 0) { open(STDERR, '>&', \*STDOUT); exec(@cmd) or exit 127; }
  local $/;
  my $out = <$fh> // '';
  close $fh;
  return ($? >> 8, $out);
}
my @ours = (@run_mkdb, '--country', "$work/country.csv", '--asn', "$work/asn.csv", '-o', "$work/ours.mmdb",
            '--type', 'edgeflow-e2e', '--description', 'edgeflow e2e', '--build-epoch', '1700000000');
my ($rc, $summary) = run_capture(@ours);
fail("edgeflow-mkdb exit $rc: $summary") if $rc != 0;
print $summary;
my ($nodes) = $summary =~ /(\d+) nodes/;
printf "sizes: edgeflow-mkdb %d bytes, reference %d bytes\n", -s "$work/ours.mmdb", -s "$work/reference.mmdb";

# ---- the queries ---------------------------------------------------------
my %q;
for my $r (@country, @asn) {
  for my $k ($r->[0], $r->[1]) { $q{$k} = 1; }
  $q{ key_add($r->[0], -1) } = 1 if $r->[0] ne ('0' x 32);
  $q{ key_add($r->[1], 1) } = 1 if $r->[1] ne ('f' x 32);
  my $span = Math::BigInt->from_hex($r->[1]) - Math::BigInt->from_hex($r->[0]);
  $q{ key_add($r->[0], $span > 0 ? Math::BigInt->from_hex(rand_hex(32)) % $span : 0) } = 1;
}
for (1 .. $queries / 3) { $q{ v4_key(int(rand(2**32))) } = 1; }
for (1 .. $queries / 6) { $q{ '24' . rand_hex(30) } = 1; }
my @keys = grep { !/^2001[0]{4}/ && !/^0{20}ffff/ && !/^2002/ } sort keys %q;
# IPv4 keys also asked as ::ffff:a.b.c.d and 2002:aabb:ccdd::.
my @queries = map { key_text($_) } @keys;
my @v4 = grep { key_is_v4($_) } @keys;
for my $i (0 .. $#v4) {
  next if $i % 4;
  my $k = $v4[$i];
  push @queries, '::ffff:' . key_text($k);
  push @queries, sprintf('2002:%s:%s::', substr($k, 24, 4) =~ s/^0+(?=.)//r, substr($k, 28, 4) =~ s/^0+(?=.)//r);
}

# The truth from the CSV rows.
sub find_in { my ($list, $k) = @_; my ($lo, $hi) = (0, $#$list);
  while ($lo <= $hi) { my $m = int(($lo + $hi) / 2); my $r = $list->[$m];
    if ($k lt $r->[0]) { $hi = $m - 1 } elsif ($k gt $r->[1]) { $lo = $m + 1 } else { return $r } }
  return undef; }
sub text_key {
  my ($t) = @_;
  if ($t =~ /^::ffff:(\d+)\.(\d+)\.(\d+)\.(\d+)$/) { return v4_key(($1 << 24) | ($2 << 16) | ($3 << 8) | $4); }
  if ($t =~ /^2002:([0-9a-f]+):([0-9a-f]+)::$/) { return v4_key((hex($1) << 16) | hex($2)); }
  if ($t =~ /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/) { return v4_key(($1 << 24) | ($2 << 16) | ($3 << 8) | $4); }
  return join('', map { sprintf('%04x', hex($_)) } split /:/, $t);
}
sub truth {
  my ($t) = @_;
  my $k = text_key($t);
  my @f;
  if (my $c = find_in(\@country, $k)) { push @f, "country.iso_code=$c->[2]<utf8_string>"; }
  if (my $a = find_in(\@asn, $k)) {
    push @f, "autonomous_system_number=$a->[2]<uint32>";
    push @f, "autonomous_system_organization=$a->[3]<utf8_string>" if length $a->[3];
  }
  return @f ? join(' | ', sort @f) : 'NOT FOUND';
}

# mmdblookup's output as sorted "path=value<type>" fields.
sub lookup {
  my ($db, $ip) = @_;
  my ($rc, $out) = run_capture($mmdblookup, '--file', $db, '--ip', $ip);
  return 'NOT FOUND' if $out =~ /Could not find an entry/;
  return "ERROR: $out" if $rc != 0;
  my (@path, $key, @f);
  for my $line (split /\n/, $out) {
    $line =~ s/^\s+|\s+$//g;
    next if $line eq '';
    if ($line =~ /^"(.*)":$/) { $key = $1; }
    elsif ($line eq '{') { push @path, $key if defined $key; undef $key; }
    elsif ($line eq '}') { pop @path; }
    elsif ($line =~ /^(.*) <(\w+)>$/) {
      my ($v, $type) = ($1, $2); $v =~ s/^"(.*)"$/$1/;
      push @f, join('.', @path, $key) . "=$v<$type>"; undef $key;
    } else { return "UNPARSED: $line"; }
  }
  return join(' | ', sort @f);
}

# Decoded by MaxMind::DB::Reader (in process), flattened the same way.
sub flatten {
  my ($v, $path, $out) = @_;
  if (ref $v eq 'HASH') { flatten($v->{$_}, $path eq '' ? $_ : "$path.$_", $out) for keys %$v; }
  else { push @$out, "$path=$v"; }
}
sub reader_lookup {
  my ($reader, $ip) = @_;
  my $rec = $reader->record_for_address($ip);
  return 'NOT FOUND' unless defined $rec;
  my @f;
  flatten($rec, '', \@f);
  return join(' | ', sort @f);
}
sub untyped { return $_[0] =~ s/<\w+>//gr; }

my $ours_reader = MaxMind::DB::Reader->new(file => "$work/ours.mmdb");
my $ref_reader = MaxMind::DB::Reader->new(file => "$work/reference.mmdb");
my $compared = 0;
for my $ip (@queries) {
  my $want = untyped(truth($ip));
  my $ours = reader_lookup($ours_reader, $ip);
  my $ref = reader_lookup($ref_reader, $ip);
  fail("$ip: edgeflow-mkdb '$ours' != reference '$ref'") if $ours ne $ref;
  fail("$ip: edgeflow-mkdb '$ours' != CSV '$want'") if $ours ne $want;
  $compared++;
  last if $failures > 20;
}
# mmdblookup (libmaxminddb) on a seeded sample, types included: ours for
# $mmdb_queries addresses, the reference for a tenth of them.
my @sample = @queries;
for my $i (reverse 1 .. $#sample) { my $j = int(rand($i + 1)); @sample[$i, $j] = @sample[$j, $i]; }
splice(@sample, $mmdb_queries) if @sample > $mmdb_queries;
my $via_mmdblookup = 0;
for my $i (0 .. $#sample) {
  my $ip = $sample[$i];
  my $want = truth($ip);
  my $ours = lookup("$work/ours.mmdb", $ip);
  fail("$ip: mmdblookup on edgeflow-mkdb's '$ours' != CSV '$want'") if $ours ne $want;
  my $ref_decoded = reader_lookup($ref_reader, $ip);
  fail("$ip: mmdblookup on edgeflow-mkdb's '$ours' != reference '$ref_decoded'") if untyped($ours) ne $ref_decoded;
  if ($i % 10 == 0) {
    my $ref = lookup("$work/reference.mmdb", $ip);
    fail("$ip: mmdblookup: edgeflow-mkdb '$ours' != reference '$ref'") if $ours ne $ref;
  }
  $via_mmdblookup++;
  last if $failures > 20;
}
printf "nodes: edgeflow-mkdb %d, reference %d\n", $ours_reader->metadata->node_count, $ref_reader->metadata->node_count;
print "compared $compared addresses in process and $via_mmdblookup with mmdblookup (" . scalar(@country) .
  " country and " . scalar(@asn) . " asn ranges)\n";

# ---- metadata through mmdblookup --------------------------------------------
my (undef, $meta) = run_capture($mmdblookup, '--file', "$work/ours.mmdb", '--ip', '1.2.3.4', '--verbose');
for my $want ("Node count:    $nodes", 'Record size:   24 bits', 'IP version:    IPv6', 'Binary format: 2.0',
              'Build epoch:   1700000000', 'Type:          edgeflow-e2e', 'en:   edgeflow e2e') {
  fail("metadata: missing '$want'") unless index($meta, $want) >= 0;
}

# ---- reproducible, SOURCE_DATE_EPOCH, errors --------------------------------
{
  local $ENV{SOURCE_DATE_EPOCH} = '1700000000';
  my @again = grep { $_ ne '--build-epoch' && $_ ne '1700000000' } @ours;
  s{ours\.mmdb$}{again.mmdb} for @again;
  ($rc) = run_capture(@again);
  fail('rebuild failed') if $rc;
  fail('output is not reproducible') if system('cmp', '-s', "$work/ours.mmdb", "$work/again.mmdb") != 0;
}
open(my $bad, '>', "$work/bad.csv") or die;
print $bad "1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.0.9,AU\n";
close $bad;
my $out;
($rc, $out) = run_capture(@run_mkdb, '--country', "$work/bad.csv", '-o', "$work/bad.mmdb");
fail("bad CSV: exit $rc, '$out'") unless $rc == 1 && $out =~ m{bad\.csv:2: start 1\.0\.1\.0 is after end 1\.0\.0\.9};
($rc, $out) = run_capture(@run_mkdb, '-o', "$work/x.mmdb");
fail("usage: exit $rc") unless $rc == 2;
($rc, $out) = run_capture(@run_mkdb, '--country', "$work/country.csv", '--bogus', 'x', '-o', "$work/x.mmdb");
fail("unknown option: exit $rc") unless $rc == 2;

if ($failures) { print "FAILED: $failures problems\n"; exit 1; }
print "OK\n";
