#!/usr/bin/env python3
"""Every key and value of a hive as two independent readers see it, in one comparable form.

Usage: regf_readers.py hivex|regf HIVE
  hivex: reads `hivexregedit --export HIVE '\\'` (hivex: every data byte, as hex)
  regf:  reads `regfexport HIVE` (libregf: strings as text, integers in decimal, the rest as a
         hex dump)
Prints "key<TAB>value<TAB>type<TAB>data" lines, sorted; keys alone as "key". Data is rendered
as regfexport renders it, so both readers' lines compare equal when they read the same bytes.
libregf 20201007 misreads data of fewer than 4 bytes stored inside the value record (it shifts
them): such data is compared by size only.
"""
import os
import re
import subprocess
import sys


def render(type_code, data):
    if len(data) == 0:
        return "size 0"
    if len(data) < 4 and type_code not in (1, 2):
        return "size %d" % len(data)
    if type_code in (1, 2):
        text = data.decode("utf-16-le", errors="replace")
        return "text " + text.split("\0", 1)[0]
    if type_code == 4 and len(data) == 4:
        return "int %d" % int.from_bytes(data, "little")
    if type_code == 5 and len(data) == 4:
        return "int %d" % int.from_bytes(data, "big")
    if type_code == 11 and len(data) == 8:
        return "int %d" % int.from_bytes(data, "little")
    return "hex " + data.hex()


def hivex_lines(hive):
    # PERL_UNICODE: hivexregedit prints names as UTF-8 (else Latin-1, or "wide character").
    env = dict(os.environ, PERL_UNICODE="SAO")
    out = subprocess.run(["hivexregedit", "--export", hive, "\\"], check=True, env=env,
                         capture_output=True).stdout.decode("utf-8")
    lines, key = [], None
    for line in out.splitlines():
        m = re.match(r"^\[\\(.*)\]$", line)
        if m:
            key = m.group(1)
            if key:
                lines.append(key)
            continue
        if line.startswith("@="):
            name, rest = "(default)", line[2:]
        else:
            m = re.match(r'^"((?:[^"\\]|\\.)*)"=(.*)$', line)
            if not m:
                continue
            name = re.sub(r"\\(.)", r"\1", m.group(1))
            rest = m.group(2)
        m = re.match(r"^hex(?:\(([0-9a-fA-F]+)\))?:(.*)$", rest)
        if m:
            type_code = int(m.group(1), 16) if m.group(1) else 3
            data = bytes.fromhex(m.group(2).replace(",", ""))
        elif rest.startswith("dword:"):
            type_code, data = 4, int(rest[6:], 16).to_bytes(4, "little")
        else:
            sys.exit("hivexregedit wrote a value this script cannot read: " + line)
        lines.append("%s\t%s\t%d\t%s" % (key, name, type_code, render(type_code, data)))
    return lines


REG_TYPES = {"REG_NONE": 0, "REG_SZ": 1, "REG_EXPAND_SZ": 2, "REG_BINARY": 3, "REG_DWORD": 4,
             "REG_DWORD_LITTLE_ENDIAN": 4, "REG_DWORD_BIG_ENDIAN": 5, "REG_LINK": 6,
             "REG_MULTI_SZ": 7, "REG_RESOURCE_LIST": 8, "REG_FULL_RESOURCE_DESCRIPTOR": 9,
             "REG_RESOURCE_REQUIREMENTS_LIST": 10, "REG_QWORD": 11,
             "REG_QWORD_LITTLE_ENDIAN": 11}


def regf_lines(hive):
    out = subprocess.run(["regfexport", hive], check=True,
                         capture_output=True).stdout.decode("utf-8", errors="replace")
    lines, key, value = [], None, None

    def flush():
        nonlocal value
        if value is not None:
            name, type_code, size, text, dump = value
            if size == 0:
                data = "size 0"
            elif size < 4 and type_code not in (1, 2):
                data = "size %d" % size
            elif text is not None:
                data = ("text " if type_code in (1, 2) else "int ") + text
            else:
                data = "hex " + bytes(dump[:size]).hex()
            lines.append("%s\t%s\t%d\t%s" % (key, name, type_code, data))
        value = None

    for line in out.splitlines():
        if line.startswith("Key path: "):
            flush()
            path = line[len("Key path: "):]
            key = path.split("\\", 1)[1] if "\\" in path else ""
            if key:
                lines.append(key)
        elif line.startswith("Value: "):
            flush()
            value = [line[len("Value: "):].split(" ", 1)[1], None, 0, None, []]
        elif value is not None and line.startswith("Type: "):
            m = re.search(r"\((REG_\w+)\)", line)
            if m:
                value[1] = REG_TYPES[m.group(1)]
            else:
                value[1] = int(re.search(r"0x([0-9a-fA-F]+)", line).group(1), 16)
        elif value is not None and line.startswith("Data size: "):
            value[2] = int(line[len("Data size: "):])
        elif value is not None and line.startswith("Data: "):
            value[3] = line[len("Data: "):]
        elif value is not None and re.match(r"^[0-9a-f]{8}: ", line):
            value[4].extend(int(b, 16) for b in line[10:59].split())
    flush()
    return lines


if __name__ == "__main__":
    reader, hive = sys.argv[1], sys.argv[2]
    result = hivex_lines(hive) if reader == "hivex" else regf_lines(hive)
    for line in sorted(result, key=lambda s: s.lower()):
        print(line)
