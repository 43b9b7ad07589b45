#!/usr/bin/env python3
"""The embedded alert rules' share of the aggregator's stream threads, from a JFR profile of a run with the rules
(bench/alerter/run.sh with BENCH_JFR_DIR): of the samples taken on stream threads, those whose stack runs through
the alerter's code (io.heapstream.alerter: the rules, the state index, its stores, the alerts sink under it).
Java samples (jdk.ExecutionSample, every 10 ms in the `profile` settings) and native ones (jdk.NativeMethodSample,
RocksDB calls among them, every 20 ms) are weighed by their period.

    bench/alerter/share.py aggregator-1.jfr [aggregator-3.jfr ...]
"""
import os
import re
import subprocess
import sys

WEIGHTS = {"jdk.ExecutionSample": 10, "jdk.NativeMethodSample": 20}   # ms per sample
# a thread in native code is sampled whether it computes (RocksDB, zstd) or waits (a poll's epoll, a park): the
# waits are no CPU and are left out
WAITS = re.compile(r"EPoll\.wait|epollWait|Unsafe\.park|Object\.wait|Thread\.sleep|Dispatcher\w*\.read|"
                   r"Dispatcher\w*\.write|Net\.poll|SocketChannelImpl\.read")


# the stream threads (HEAPSTREAM_SHARE_THREADS=main for a TopologyTestDriver bench, which runs on the main thread)
THREADS = re.compile(os.environ.get("HEAPSTREAM_SHARE_THREADS", "-StreamThread-"))


def samples(path):
    out = subprocess.run(["jfr", "print", "--events", ",".join(WEIGHTS), "--stack-depth", "256", path],
                         check=True, capture_output=True, text=True).stdout
    for block in re.split(r"\n(?=jdk\.\w+ \{)", out):
        kind = block.split(" ", 1)[0].strip()
        if kind not in WEIGHTS:
            continue
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        top = re.search(r"stackTrace = \[\s*\n\s*(\S+)", block)
        if kind == "jdk.NativeMethodSample" and top and WAITS.search(top.group(1)):
            continue
        yield kind, thread.group(1) if thread else "", block


def main(paths):
    for path in paths:
        stream = alerting = 0
        for kind, thread, block in samples(path):
            # the stream threads themselves, not their producers' network threads
            if not THREADS.search(thread) or "producer" in thread:
                continue
            stream += WEIGHTS[kind]
            if "io.heapstream.alerter." in block:
                alerting += WEIGHTS[kind]
        if stream == 0:
            print(f"{path}: no stream-thread samples")
            continue
        print(f"{path}: stream threads {stream / 1000:.1f} s sampled, of it the embedded rules {alerting / 1000:.2f} s"
              f" = {100 * alerting / stream:.1f} %; added to the rest {100 * alerting / (stream - alerting):.1f} %")


if __name__ == "__main__":
    main(sys.argv[1:])
