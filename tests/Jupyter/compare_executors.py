#!/usr/bin/python3
"""Compares two executions of the same notebooks cell by cell — ./gwb nb run's and Jupyter's (nbclient with the
registered .NET Interactive kernel): every code cell must have succeeded in both or failed in both (a cell failed
when it has an error output). Prints each notebook's outcome sequence; exit 2 on any difference.

Usage: compare_executors.py GWB_DIR JUPYTER_DIR NOTEBOOK_NAME..."""
import os
import sys

import nbformat


def outcomes(path):
    notebook = nbformat.read(path, as_version=4)
    return [("error" if any(o.output_type == "error" for o in cell.outputs) else "ok")
            for cell in notebook.cells if cell.cell_type == "code"]


def main():
    gwb_dir, jupyter_dir, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    differences = 0
    for name in names:
        gwb, jupyter = outcomes(os.path.join(gwb_dir, name)), outcomes(os.path.join(jupyter_dir, name))
        print(f"{name}: gwb     {' '.join(gwb)}\n{name}: jupyter {' '.join(jupyter)}")
        if len(gwb) != len(jupyter):
            print(f"compare: {name}: {len(gwb)} code cells in gwb's copy, {len(jupyter)} in Jupyter's", file=sys.stderr)
            differences += 1
            continue
        for number, (a, b) in enumerate(zip(gwb, jupyter), start=1):
            if a != b:
                print(f"compare: {name}: code cell {number}: {a} in gwb nb run, {b} in Jupyter", file=sys.stderr)
                differences += 1
    print(f"compare: {len(names)} notebooks, {differences} difference(s)")
    return 2 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
