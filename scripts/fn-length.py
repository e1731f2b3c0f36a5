#!/usr/bin/env python3
"""Fails when a client function is longer than MAX lines as `make fmt` lays it out: past
that, a page's table, row, form or toolbar becomes a component of its own (CONTRIBUTING.md).
Usage: scripts/fn-length.py [dir ...] (default: src)."""
import os
import re
import sys

MAX = 80
START = re.compile(r'^(\s*)(?:pub(?:\([a-z]+\))? )?(?:async )?fn (\w+)')


def lengths(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    for i, line in enumerate(lines):
        m = START.match(line)
        if not m:
            continue
        indent = m.group(1)
        end = i
        if not line.rstrip().endswith('}'):
            end = next((j for j in range(i + 1, len(lines)) if lines[j] == indent + '}'), i)
        yield m.group(2), i + 1, end - i + 1


def main(dirs):
    long = []
    for root in dirs:
        for folder, _, files in os.walk(root):
            for name in files:
                if name.endswith('.rs'):
                    path = os.path.join(folder, name)
                    long += [(n, path, line, size) for n, line, size in lengths(path) if size > MAX]
    for name, path, line, size in sorted(long, key=lambda x: -x[3]):
        print(f'{path}:{line}: {name} is {size} lines (at most {MAX})')
    return 1 if long else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:] or ['src']))
