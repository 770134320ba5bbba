#!/usr/bin/python3
"""Opens executed notebooks the way a reader does — each one's nbconvert HTML page, and each one in Jupyter
Notebook served on 127.0.0.1 — in headless Chromium (offline), and checks that every chart output of the notebook
drew its plot: an <svg class="main-svg"> holding at least one trace. Also fails on any stderr stream or error
output stored in the notebooks. Exit 0 when all is well, 2 otherwise, naming the notebook, the view and the chart.

Jupyter Notebook's view starts a kernel for every notebook it opens; the check's server gets a stand-in under the
C# kernel's name (Python's ipykernel, first on its JUPYTER_PATH), because viewing runs no code and the real kernel's
start costs seconds of CPU per page. Pages are loaded two at a time, each browser with its own profile.

Usage: check_charts.py --work DIR NOTEBOOK...   (JUPYTER_* variables as for execute_notebooks.py)
       check_charts.py --stored-only NOTEBOOK...  (only the stored stderr / error outputs)
       check_charts.py --work DIR --page PAGE NOTEBOOK  (an exported app's page: as many charts as the executed
                                                        notebook has chart outputs, every one drawn)"""
import argparse
import concurrent.futures
import html.parser
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat

CHROMIUM = "/usr/bin/chromium"
PAGES_AT_ONCE = 2
VIEW_KERNEL = ".net-csharp"
CHART_ID = re.compile(r'id="(gwb-plot-[0-9a-f]{12})"')
TRACE_CLASSES = ("trace", "hm", "contour", "imagelayer")


class Charts(html.parser.HTMLParser):
    """For every element whose id is a chart's: whether an svg.main-svg with a trace group lies inside it."""

    def __init__(self, ids):
        super().__init__()
        self.ids, self.open, self.drawn, self.found = set(ids), [], {}, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") in self.ids:
            self.open.append([attrs["id"], 0, False, False])
            self.found.add(attrs["id"])
        if not self.open:
            return
        self.open[-1][1] += tag not in ("img", "br", "hr", "input", "meta", "link", "path", "rect", "image", "line", "circle")
        classes = (attrs.get("class") or "").split()
        for chart in self.open:
            chart[2] |= tag == "svg" and "main-svg" in classes
            chart[3] |= tag in ("g", "path", "image") and any(c in TRACE_CLASSES for c in classes)

    def handle_endtag(self, tag):
        if self.open and tag not in ("img", "br", "hr", "input", "meta", "link", "path", "rect", "image", "line", "circle"):
            self.open[-1][1] -= 1
            if self.open[-1][1] == 0:
                chart_id, _, svg, trace = self.open.pop()
                self.drawn[chart_id] = svg and trace


def chart_ids(notebook):
    """The ids of every chart output, in order."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            yield from CHART_ID.findall(text if isinstance(text, str) else "".join(text))


def dump_dom(url, profile):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=60000",
             "--run-all-compositor-stages-before-draw", "--dump-dom", url]
    result = subprocess.run([CHROMIUM, *flags], capture_output=True, text=True, timeout=300)
    return result.stdout


def undrawn(dom, ids):
    parser = Charts(ids)
    parser.feed(dom)
    return [i for i in ids if not parser.drawn.get(i)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--work", help="folder for the HTML pages and browser profiles")
    parser.add_argument("--stored-only", action="store_true", help="check the stored outputs only, open no browser")
    parser.add_argument("--page", help="an HTML page written by an exported app, to hold the notebook's charts")
    args = parser.parse_args()
    if not args.stored_only and not args.work:
        parser.error("--work is required unless --stored-only")
    problems, counts = [], {}

    notebooks = {path: nbformat.read(path, as_version=4) for path in args.notebooks}
    for path, notebook in notebooks.items():
        for number, cell in enumerate(notebook.cells, start=1):
            for output in cell.get("outputs", []):
                if output.output_type == "error" or (output.output_type == "stream" and output.name == "stderr"):
                    problems.append(f"{path}: cell {number}: stored {output.output_type} output: "
                                    f"{(output.get('evalue') or output.get('text') or '').strip().splitlines()[0]}")
        counts[path] = list(chart_ids(notebook))
    if args.stored_only:
        return report(problems, counts)
    os.makedirs(args.work, exist_ok=True)
    if args.page:
        return check_page(args.page, counts[args.notebooks[0]], args.work)

    # 1. nbconvert's HTML page (its template loads require.js and MathJax from Debian's packages)
    pages = os.path.join(args.work, "html")
    subprocess.run(["jupyter", "nbconvert", "--to", "html", "--output-dir", pages, *args.notebooks], check=True, capture_output=True)

    def html_view(number, path):
        page = os.path.join(pages, os.path.splitext(os.path.basename(path))[0] + ".html")
        return undrawn(dump_dom("file://" + os.path.abspath(page), os.path.join(args.work, f"profile-html-{number}")), counts[path])

    problems += each_view("nbconvert html", html_view, counts)

    # 2. Jupyter Notebook (classic, 6.4) serving the folder on 127.0.0.1; trusted notebooks run their outputs' scripts
    folder = os.path.dirname(os.path.abspath(args.notebooks[0]))
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(["jupyter", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}", f"--NotebookApp.token={token}",
                               f"--notebook-dir={folder}", "--NotebookApp.open_browser=False", "--allow-root"],
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(args.work, "notebook-server.log"), "w"),
                              env=view_kernel_env(args.work))
    try:
        for _ in range(120):
            if server.poll() is not None:
                raise SystemExit(f"charts: jupyter notebook exited with {server.returncode}; see {args.work}/notebook-server.log")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        problems += untrusted_control(port, token, folder, counts, args.work)

        def notebook_view(number, path):
            relative = os.path.relpath(os.path.abspath(path), folder)
            missing = undrawn(dump_dom(f"http://127.0.0.1:{port}/notebooks/{relative}?token={token}",
                                       os.path.join(args.work, f"profile-notebook-{number}")), counts[path])
            close_sessions(port, token, relative)             # the page started a kernel
            return missing

        problems += each_view("jupyter notebook", notebook_view, counts)
    finally:
        server.terminate()
        server.wait(timeout=30)

    return report(problems, counts)


def each_view(view, undrawn_of, counts):
    """Loads every notebook in one view, PAGES_AT_ONCE at a time (undrawn_of(number, path) → the undrawn chart ids),
    prints one line per notebook in order and returns the problems."""
    problems = []
    with concurrent.futures.ThreadPoolExecutor(PAGES_AT_ONCE) as pool:
        results = pool.map(lambda item: undrawn_of(*item), enumerate(counts))
        for path, missing in zip(counts, results):
            ids = counts[path]
            print(f"{view}: {os.path.basename(path)}: {len(ids) - len(missing)} of {len(ids)} charts drawn", flush=True)
            problems += [f"{path}: {view}: chart {ids.index(m) + 1} of {len(ids)} ({m}) not drawn" for m in missing]
    return problems


def view_kernel_env(work):
    """The server's environment: JUPYTER_PATH led by a folder whose kernelspec VIEW_KERNEL runs Python's ipykernel."""
    spec_dir = os.path.join(work, "view-kernel", "kernels", VIEW_KERNEL)
    os.makedirs(spec_dir, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": ".NET (C#), stand-in for viewing", "language": "C#"}
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump(spec, f)
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (os.path.join(work, "view-kernel"), env.get("JUPYTER_PATH")) if p)
    return env


def close_sessions(port, token, relative):
    """Shuts down the kernel sessions Jupyter Notebook opened for the notebook at `relative`."""
    sessions = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/sessions?token={token}"))
    for session in sessions:
        if session.get("path", session.get("notebook", {}).get("path")) == relative:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/sessions/{session['id']}?token={token}", method="DELETE")
            urllib.request.urlopen(request)


def untrusted_control(port, token, folder, counts, work):
    """The check must be able to fail: an unsigned copy of a notebook with charts opens Not Trusted, Jupyter Notebook
    runs none of its outputs' scripts, so none of its charts may count as drawn."""
    path = next((p for p, ids in counts.items() if ids), None)
    if path is None:
        return []
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata["gwb_untrusted_control"] = True          # new content: the signature no longer matches
    control = os.path.join(folder, "untrusted-control.ipynb")
    nbformat.write(notebook, control)
    try:
        ids = counts[path]
        drawn = len(ids) - len(undrawn(dump_dom(f"http://127.0.0.1:{port}/notebooks/untrusted-control.ipynb?token={token}",
                                                os.path.join(work, "profile-control")), ids))
    finally:
        os.remove(control)
    print(f"jupyter notebook: untrusted copy of {os.path.basename(path)}: {drawn} of {len(ids)} charts drawn (expected 0)", flush=True)
    return [] if drawn == 0 else [f"{path}: an untrusted copy drew {drawn} charts: the check cannot tell drawn from not drawn"]


def check_page(page, expected, work):
    """An exported app's page: the same number of charts as the notebook's chart outputs, every one drawn."""
    with open(page, encoding="utf-8") as f:
        ids = CHART_ID.findall(f.read())
    problems = [] if len(ids) == len(expected) else [f"{page}: {len(ids)} charts, the executed notebook has {len(expected)}"]
    missing = undrawn(dump_dom("file://" + os.path.abspath(page), os.path.join(work, "profile-app")), ids)
    print(f"app page: {os.path.basename(page)}: {len(ids) - len(missing)} of {len(ids)} charts drawn", flush=True)
    problems += [f"{page}: chart {ids.index(m) + 1} of {len(ids)} ({m}) not drawn" for m in missing]
    return report(problems, {page: ids})


def report(problems, counts):
    for problem in problems:
        print("charts: " + problem, file=sys.stderr)
    print(f"charts: {sum(len(i) for i in counts.values())} chart outputs in {len(counts)} notebooks, {len(problems)} problem(s)")
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
