#!/usr/bin/python3
"""Makes the .NET (C#) kernelspec that `dotnet-interactive jupyter install --path DIR` wrote work as installed:
the tool installed with --tool-path is not on PATH, so `dotnet interactive` (the spec's command) fails; the spec
runs the tool by its absolute path instead. Also drops the HTTP port range (no HTTP server: Jupyter speaks the
kernel protocol only) and keeps the kernel's own logging to warnings. Removes the F# and PowerShell specs.

Usage: register_kernel.py KERNELS_DIR TOOL_PATH"""
import json
import os
import shutil
import sys

kernels, tool = sys.argv[1], os.path.abspath(sys.argv[2])
for other in (".net-fsharp", ".net-powershell"):
    shutil.rmtree(os.path.join(kernels, other), ignore_errors=True)
path = os.path.join(kernels, ".net-csharp", "kernel.json")
spec = json.load(open(path))
argv = spec["argv"]
if argv[:2] != ["dotnet", "interactive"]:
    sys.exit(f"{path}: expected the command `dotnet interactive …`, found {argv}")
argv[:2] = [tool]
if "--http-port-range" in argv:
    i = argv.index("--http-port-range")
    del argv[i:i + 2]
spec.setdefault("env", {})["Logging__LogLevel__Default"] = "Warning"
with open(path + ".tmp", "w") as f:
    json.dump(spec, f, indent=2)
os.replace(path + ".tmp", path)
print(f"kernelspec {path}: {' '.join(argv)}")
