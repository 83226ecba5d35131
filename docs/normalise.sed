# How docs/regenerate.sh and Tests/AIXSimTests/DocsOutputTests.swift make aixsim's output
# comparable from run to run (sed -E). Only values that depend on the host or the moment are
# replaced; everything aixsim decides (effective addresses, simulated time, counts) is kept.
#
# Host pointers (a kext's variables, its stack, malloc'd kernel objects) are 48-bit user
# addresses, printed with 12 hex digits; effective addresses always print with 16.
s/0x[0-9A-Fa-f]{12}([^0-9A-Fa-f]|$)/0xHOSTADDR\1/g
# Temporary directories and files (compiled kexts, worker scratch files).
s#/tmp/[A-Za-z0-9._/-]+#/tmp/TMPPATH#g
s#/var/folders/[A-Za-z0-9._/+-]+#/tmp/TMPPATH#g
# Wall-clock durations reported by batch runs ("in 1.23 s", "(0.4 s)"); simulated time is
# written "@10 ms" or "N ms of simulated time" and is left alone.
s/([ (])[0-9]+(\.[0-9]+)? ?(s|ms|µs)\)/\1T)/g
s/ in [0-9]+(\.[0-9]+)? ?(s|ms|µs)([ .,]|$)/ in T\3/g
# Trailing blanks never matter in a Markdown code block.
s/[[:space:]]+$//
