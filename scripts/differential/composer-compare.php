<?php
// Composer's answer for each tab-separated pair on stdin: "A<TAB>B<TAB>-1|0|1", or "!" when
// VersionParser::normalize refuses either version. Debian's php-composer-semver.
require '/usr/share/php/Composer/Semver/autoload.php';
use Composer\Semver\VersionParser;
use Composer\Semver\Comparator;
$parser = new VersionParser();
while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\n");
    $fields = explode("\t", $line);
    if (count($fields) != 2) continue;
    [$a, $b] = $fields;
    try {
        $na = $parser->normalize($a);
        $nb = $parser->normalize($b);
        $r = Comparator::lessThan($na, $nb) ? -1 : (Comparator::equalTo($na, $nb) ? 0 : (Comparator::greaterThan($na, $nb) ? 1 : '!'));
    } catch (UnexpectedValueException $e) {
        $r = '!';
    }
    echo "$a\t$b\t$r\n";
}
