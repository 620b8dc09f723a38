#!/bin/sh
# Streams a 2 GiB file into a pond and out again (cat and copy out) under -Xmx256m, checking SHA-256 both ways.
# Needs about 7 GiB free in the temp directory. Runs the same code as the default run's MemoryIT (256 MiB, -Xmx64m).
set -e
cd "$(dirname "$0")/.."
mvn -q -B install -DskipTests -pl pond-cli -am
mvn -B verify -pl pond-e2e -Dit.test=MemoryIT -Dmemory.mib=2048 -Dmemory.heap=256m
