#!/usr/bin/env python3
"""The core's dependency graph must have no circle.

A unit is a C file of core/src or core/cli with its own private header (x.c
and x.h).  Unit A depends on unit B when A's files #include B's header, or
when A's object file uses a symbol that B's object file defines (read with
`nm`, so a call through a header that declares many units' functions, such as
internal.h, still counts).  A circle (A needs B needs ... needs A) means the
files cannot be read or changed one at a time: the test fails and names every
circle with the includes and symbols that make it.

  core_graph.py CORE_SRCDIR CORE_BUILDDIR   check the built core
  core_graph.py --self-test                 check that a circle is found
"""
import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def units_of(srcdir):
    """Map every .c/.h below srcdir/{src,cli} to a unit name ("src/engine")."""
    files = {}
    for sub in ("src", "cli"):
        d = os.path.join(srcdir, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".h")):
                files[os.path.join(d, name)] = sub + "/" + name[:-2]
    return files


def include_edges(files):
    """(unit, unit, why) for every #include "x.h" of another unit's header."""
    by_header = {}
    for path, unit in files.items():
        if path.endswith(".h"):
            by_header[os.path.basename(path)] = unit
    edges = []
    for path, unit in files.items():
        with open(path, encoding="utf-8") as f:
            for inc in INCLUDE.findall(f.read()):
                target = by_header.get(os.path.basename(inc))
                if target and target != unit and "/" not in inc:
                    edges.append((unit, target, "#include \"%s\"" % inc))
    return edges


def objects(builddir):
    """(unit, object path) for the objects of libdocpipe and the docpipe command."""
    found = []
    for sub in ("src", "cli"):
        for d in (os.path.join(builddir, sub), os.path.join(builddir, sub, ".libs")):
            if not os.path.isdir(d):
                continue
            for name in sorted(os.listdir(d)):
                if name.endswith(".o"):
                    stem = name[:-2]
                    stem = re.sub(r"^(libdocpipe_la-|docpipe-)", "", stem)
                    found.append((sub + "/" + stem, os.path.join(d, name)))
    seen, out = set(), []
    for unit, path in found:  # one object per unit is enough
        if unit not in seen:
            seen.add(unit)
            out.append((unit, path))
    return out


def symbol_edges(objs):
    defined, used = {}, {}
    for unit, path in objs:
        res = subprocess.run(["nm", "-P", path], capture_output=True, text=True, check=True)
        for line in res.stdout.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            sym, kind = parts[0], parts[1]
            if kind == "U":
                used.setdefault(unit, set()).add(sym)
            elif kind in "TDBRVWG":
                defined.setdefault(sym, unit)
    edges = []
    for unit, syms in used.items():
        for sym in sorted(syms):
            target = defined.get(sym)
            if target and target != unit:
                edges.append((unit, target, sym))
    return edges


def circles(edges):
    """Strongly connected components of more than one unit (Tarjan)."""
    graph = {}
    for a, b, _ in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def report(comps, edges):
    for comp in comps:
        print("circle: " + ", ".join(comp))
        members = set(comp)
        why = {}
        for a, b, w in edges:
            if a in members and b in members:
                why.setdefault((a, b), []).append(w)
        for (a, b), ws in sorted(why.items()):
            print("  %s -> %s: %s" % (a, b, ", ".join(sorted(set(ws))[:6])))


def self_test():
    loop = [("src/log", "src/pipeline", "dp_instance_name"),
            ("src/pipeline", "src/options", "dp_optset_init"),
            ("src/options", "src/log", "dp_log"),
            ("src/engine", "src/log", "dp_core_log")]
    found = circles(loop)
    assert found == [["src/log", "src/options", "src/pipeline"]], found
    assert circles(loop[1:]) == [], "a chain without a loop is not a circle"
    print("self-test: the circle log -> pipeline -> options -> log is found; a chain is not a circle")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    srcdir, builddir = argv[1], argv[2]
    files = units_of(srcdir)
    units = set(files.values())
    # Objects of files that no longer exist (a stale build tree) are not the core.
    objs = [(u, o) for u, o in objects(builddir) if u in units]
    if not objs:
        print("no object files under %s/{src,cli}: build first" % builddir, file=sys.stderr)
        return 2
    edges = include_edges(files) + symbol_edges(objs)
    comps = circles(edges)
    print("%d units, %d objects, %d dependencies, %d circles" %
          (len(units), len(objs), len({(a, b) for a, b, _ in edges}), len(comps)))
    report(comps, edges)
    return 1 if comps else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
