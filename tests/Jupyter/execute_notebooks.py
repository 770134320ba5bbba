#!/usr/bin/python3
"""Executes notebooks through Jupyter's own client (Debian's nbclient) in the .NET Interactive C# kernel that
`make jupyter-kernel` registered (JUPYTER_PATH), the way a teacher's Jupyter runs them. Each notebook runs with
its working directory in --cwd (where the source notebooks live, so their relative paths hold); the executed copy
is signed (trusted, so its chart scripts run when it is reopened) and written atomically to --output.

Exit 0 when every cell of every notebook ran without an error output and wrote nothing to stderr; 2 otherwise,
naming each notebook, cell and message."""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.sign import NotebookNotary


def problems_of(notebook):
    """(cell number, description) for every error output and stderr stream of an executed notebook."""
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                yield number, f"{output.ename}: {output.evalue.splitlines()[0] if output.evalue else ''}"
            elif output.output_type == "stream" and output.name == "stderr":
                yield number, "stderr: " + output.text.strip().splitlines()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--output", required=True)
    parser.add_argument("--cwd", required=True, help="working directory of the kernel")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--kernel", default=".net-csharp")
    args = parser.parse_args()

    os.makedirs(args.output, exist_ok=True)
    notary = NotebookNotary()
    failed = []
    for path in args.notebooks:
        name = os.path.basename(path)
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, kernel_name=args.kernel, timeout=args.timeout, allow_errors=True,
                                resources={"metadata": {"path": args.cwd}})
        started = time.monotonic()
        try:
            client.execute()
            problems = list(problems_of(notebook))
        except (CellTimeoutError, DeadKernelError) as error:
            problems = [(0, f"{type(error).__name__}: {str(error).strip().splitlines()[0]}")]
        seconds = time.monotonic() - started
        notary.sign(notebook)
        target = os.path.join(args.output, name)
        nbformat.write(notebook, target + ".tmp")
        os.replace(target + ".tmp", target)
        print(f"{'ok' if not problems else 'FAILED'}: {name} in Jupyter ({seconds:.1f} s) → {target}", flush=True)
        for cell, message in problems:
            print(f"jupyter: {path}: cell {cell} of the executed copy: {message}", file=sys.stderr, flush=True)
        if problems:
            failed.append(name)
    print(f"jupyter: {len(args.notebooks) - len(failed)} of {len(args.notebooks)} notebooks ok", flush=True)
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
