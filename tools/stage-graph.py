#!/usr/bin/env python3
"""Prints the library's stage graph from `cmake --graphviz` output: each stage and the stages
(and outside libraries) it links, public links plain, private ones (dotted) in brackets.
Usage: cmake --graphviz=g/comreg.dot BUILD && tools/stage-graph.py g/comreg.dot"""
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
names = {m[1]: m[2].split("\\n")[0] for m in re.finditer(r'"(node\d+)" \[ label = "([^"]+)"', text)}
stages = "core model description plan emit store readers apply verify open import lint check".split()
links = {s: {} for s in stages}
for m in re.finditer(r'"(node\d+)" -> "(node\d+)"( \[ style = (\w+) \])?', text):
    a, b = names[m[1]], names[m[2]]
    if not a.startswith("comreg_") or a[7:] not in stages:
        continue
    b = b[7:] if b.startswith("comreg_") else b
    private = m[4] == "dotted"
    if b.endswith("_internal"):
        b, private = b[: -len("_internal")] + " (internal headers)", True
    if b == a[7:] + " (internal headers)":
        continue
    links[a[7:]][b] = links[a[7:]].get(b, True) and private

def order(name):
    base = name.split(" ")[0]
    return (base not in stages, stages.index(base) if base in stages else 0, name)

for s in stages:
    parts = [f"[{b}]" if private else b for b, private in sorted(links[s].items(), key=lambda x: order(x[0]))]
    print(f"{s:12} -> {', '.join(parts)}")
