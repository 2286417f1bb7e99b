#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target into a folder (Scripts/fuzz calls it at run time;
seeds are never committed): the files of Samples/, the same text in the code pages clerks
send (through glibc iconv, as the tests do), and the string literals of the tests.

    Fuzz/seeds.py TARGET FOLDER      TARGET: csv, decoders, taxcode, dates or money
"""
import csv
import glob
import hashlib
import io
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ESCAPE = re.compile(r'\\(u\{[0-9a-fA-F]{1,8}\}|.)')
SINGLE = re.compile(r'(?<!")"((?:[^"\\\n]|\\.)*)"(?!")')
MULTI = re.compile(r'"""\n(.*?)\n([ \t]*)"""', re.S)


def unescape(text):
    table = {'n': '\n', 't': '\t', 'r': '\r', '0': '\0', '"': '"', "'": "'", '\\': '\\'}

    def one(match):
        code = match.group(1)
        if code.startswith('u{'):
            try:
                return chr(int(code[2:-1], 16))
            except ValueError:
                return ''
        return table.get(code, '\\' + code)
    return ESCAPE.sub(one, text)


def test_literals():
    """Every string literal of the tests: tax codes, dates, amounts, CSV text."""
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'Tests', '**', '*.swift'), recursive=True)):
        source = open(path, encoding='utf-8').read()
        for body, indent in MULTI.findall(source):
            found.append(unescape('\n'.join(line[len(indent):] for line in body.split('\n'))))
        for line in MULTI.sub('', source).split('\n'):
            found.extend(unescape(body) for body in SINGLE.findall(line))
    return found


def samples():
    return [open(path, 'rb').read() for path in sorted(glob.glob(os.path.join(ROOT, 'Samples', '*.csv')))]


def sample_cells():
    cells = []
    for data in samples():
        for row in csv.reader(io.StringIO(data.decode('utf-8'))):
            cells.extend(row)
    return cells


def iconv(data, encoding):
    try:
        return subprocess.run(['iconv', '-f', 'UTF-8', '-t', encoding], input=data,
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def seeds(target):
    """Seed inputs, with the choice bytes each target reads before its payload."""
    literals = test_literals()
    if target == 'csv':
        texts = samples() + [t.encode() for t in literals if '\n' in t or ',' in t or ';' in t]
        # Delimiter auto; chunks of 1 or 65 bytes; the real record limit, or 8 × 16 bytes.
        return [prefix + text for text in texts for prefix in (b'\x00\x00\x00', b'\x00\x40\x00', b'\x00\x40\x10')]
    if target == 'decoders':
        texts = samples() + [t.encode() for t in literals if any(ord(c) > 127 for c in t)]
        out = []
        for text in texts:
            out.append(b'\x00\x80' + text)
            for choice, encoding in ((2, 'UTF-16'), (2, 'UTF-16BE'), (3, 'WINDOWS-1258'), (4, 'TCVN5712-1')):
                converted = iconv(text, encoding)
                if converted is not None:
                    out.append(bytes([0, 0x80]) + converted)       # --encoding auto
                    out.append(bytes([choice, 0x80]) + converted)  # --encoding named
        return out
    values = sorted({t for t in literals + sample_cells()
                     if 0 < len(t.encode()) <= 64 and '\n' not in t and any(c.isdigit() for c in t)})
    if target == 'dates':
        # Even choice bytes read the text (0: --date-format auto, 6: mdy); odd ones read
        # year, month and day from four bytes (here 29/02/2024).
        return [bytes([order]) + v.encode() for v in values for order in (0, 6)] + [bytes([1, 0x07, 0xE8, 2, 29])]
    if target in ('taxcode', 'money'):
        return [v.encode() for v in values]
    sys.exit('unknown target: ' + target)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    target, folder = sys.argv[1:]
    os.makedirs(folder, exist_ok=True)
    for seed in seeds(target):
        name = hashlib.sha1(seed).hexdigest()
        with open(os.path.join(folder, name), 'wb') as file:
            file.write(seed)


main()
