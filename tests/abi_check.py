#!/usr/bin/env python3
"""libdocpipe exports exactly its version script, and the script covers the public headers.

  abi_check.py MAP LIBRARY HEADER_DIR   check the built library (docs/abi.md)
  abi_check.py --self-test MAP LIBRARY HEADER_DIR
                                        check that a missing symbol is found

Fails (exit 1, every problem on a line) when a symbol of a public node is not
exported (it disappeared), when the library exports a symbol of no node or of
another node than the map says, or when a function declared in a public
header is in no public node.
"""
import os
import re
import subprocess
import sys

PRIVATE = "LIBDOCPIPE_PRIVATE"


def read_map(text):
    """{symbol: node} of the version script (wildcards are the `local: *`)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    nodes = {}
    for node, body in re.findall(r"([A-Za-z0-9_.]+)\s*\{(.*?)\}", text, flags=re.S):
        glob = body.split("local:")[0]
        for sym in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*;", glob.replace("global:", "")):
            nodes[sym] = node
    return nodes


def exported(library):
    """{symbol: version} of what the library defines and exports."""
    res = subprocess.run(["nm", "-D", "--defined-only", "--with-symbol-versions", library],
                         capture_output=True, text=True, check=True)
    out = {}
    for line in res.stdout.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[1] == "A":
            continue
        name, _, version = parts[2].partition("@@")
        if not version:
            name, _, version = parts[2].partition("@")
        out[name] = version or None
    return out


def header_functions(header_dir):
    """Functions declared in the public headers (comments and macros left out)."""
    found = set()
    for name in sorted(os.listdir(header_dir)):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(header_dir, name), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        text = re.sub(r"//[^\n]*", "", text)
        text = re.sub(r"^\s*#(?:[^\n]*\\\n)*[^\n]*", "", text, flags=re.M)
        # a declaration: a name directly followed by its parameter list ("(*name)(" is a member, not a function)
        found.update(re.findall(r"(?<!\w)(dp_\w+)\s*\(", text))
    return found


def problems(nodes, exports, declared):
    out = []
    for sym, node in sorted(nodes.items()):
        if sym not in exports:
            out.append("%s (%s) is not exported by the library: it disappeared or was renamed" % (sym, node))
        elif exports[sym] != node:
            out.append("%s is exported as version %s, the map says %s" % (sym, exports[sym], node))
    for sym in sorted(set(exports) - set(nodes)):
        out.append("%s is exported but in no node of the map" % sym)
    for sym in sorted(declared):
        if sym not in nodes or nodes[sym] == PRIVATE:
            out.append("%s is declared in a public header but in no public node of the map" % sym)
    return out


def main(argv):
    self_test = argv[1:2] == ["--self-test"]
    args = argv[2:] if self_test else argv[1:]
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(args[0], encoding="utf-8") as f:
        nodes = read_map(f.read())
    exports, declared = exported(args[1]), header_functions(args[2])
    if self_test:
        nodes["dp_gone_function"] = "LIBDOCPIPE_2.0"
        del nodes["dp_doc_new"]
        found = problems(nodes, exports, declared | {"dp_new_function"})
        want = ["dp_gone_function (LIBDOCPIPE_2.0) is not exported",
                "dp_doc_new is exported but in no node",
                "dp_new_function is declared in a public header but in no public node"]
        missing = [w for w in want if not any(p.startswith(w) for p in found)]
        for w in missing:
            print("self-test: not found: " + w)
        return 1 if missing else 0
    found = problems(nodes, exports, declared)
    for p in found:
        print(p)
    public = sum(1 for n in nodes.values() if n != PRIVATE)
    print("%d public symbols, %d private, %d functions in the public headers: %s"
          % (public, len(nodes) - public, len(declared), "FAILED" if found else "OK"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
