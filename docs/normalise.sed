# How docs/regenerate.sh and Tests/AIXSimTests/DocsOutputTests.swift make aixsim's output
# comparable from run to run (sed -E). Only values that depend on the host or the moment are
# replaced; everything aixsim decides (effective addresses, simulated time, counts) is kept.
#
# Before these rules, both remove the repository's own path and its slash, so paths read as they
# do from a checkout's root (kext-samples/exercises/ring_overrun.c) on every machine.
#
# Host pointers (a kext's variables, its stack, malloc'd kernel objects) are 48-bit user
# addresses, printed with 12 hex digits; effective addresses always print with 16.
s/0x[0-9A-Fa-f]{12}([^0-9A-Fa-f]|$)/0xHOSTADDR\1/g
# Temporary directories and files (compiled kexts, worker scratch files).
s#/tmp/[A-Za-z0-9._/-]+#/tmp/TMPPATH#g
s#/var/folders/[A-Za-z0-9._/+-]+#/tmp/TMPPATH#g
# Wall-clock time: `aixsim test` ends each result line with the run's duration ("0.52s").
# Simulated time ("@10 ms", "now + 10 ms") is aixsim's own and stays.
s/ [0-9]+\.[0-9]+s$/ T/
# Trailing blanks never matter in a Markdown code block.
s/[[:space:]]+$//
