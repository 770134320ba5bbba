"""Compares two sweep folders member by member: every metrics.jsonl row (timing fields aside) and the
tensors of the final checkpoint must be identical. Exit 1 naming the first difference."""
import hashlib, json, pathlib, sys

TIMING = {"images_per_sec", "time"}

def rows(run):
    return [{k: v for k, v in json.loads(line).items() if k not in TIMING} for line in (run / "metrics.jsonl").read_text().splitlines() if line.strip()]

def tensors(run):
    checkpoints = sorted((run / "checkpoints").glob("step-*"))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(checkpoints[-1].glob("*.pt"))}

a, b = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
members = json.loads((a / "sweep.json").read_text())["members"]
for m in members:
    ra, rb = a / m["directory"], b / m["directory"]
    if rows(ra) != rows(rb):
        sys.exit(f"{m['label']}: metrics.jsonl differs between {ra} and {rb}")
    if tensors(ra) != tensors(rb) or not tensors(ra):
        sys.exit(f"{m['label']}: the final checkpoint's tensors differ between {ra} and {rb}")
    print(f"  {m['label']}: {len(rows(ra))} metric rows and {len(tensors(ra))} tensor files identical")
