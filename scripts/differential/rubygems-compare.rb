# RubyGems' answer for each tab-separated pair on stdin: "A<TAB>B<TAB>-1|0|1", or "!" when
# Gem::Version refuses either version (ArgumentError: "Malformed version number string").
require 'rubygems'
STDOUT.sync = false
STDIN.each_line do |line|
  a, b = line.chomp.split("\t", -1)
  next if b.nil?
  r = begin
    (Gem::Version.new(a) <=> Gem::Version.new(b)).to_s
  rescue ArgumentError
    '!'
  end
  puts "#{a}\t#{b}\t#{r}"
end
