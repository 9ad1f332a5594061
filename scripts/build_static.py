#!/usr/bin/env python3
"""Copy the third-party front-end builds from node_modules/ into static/vendor/.

Run by ``make install`` after ``npm ci``. static/vendor/ is generated and gitignored: the
builds come from the npm registry through package.json and package-lock.json, never from a
CDN and never committed. Only the files the pages use are copied, with their licence.

    python3 scripts/build_static.py          # copy (exits 1 when a source file is missing)
    python3 scripts/build_static.py --check  # only report whether static/vendor/ is complete
"""
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

# destination under static/vendor/  ←  source under node_modules/
FILES = {
    "utrecht/component-library.css": "@utrecht/component-library-css/dist/index.css",
    "utrecht/LICENSE.md": "@utrecht/component-library-css/LICENSE.md",
}
PACKAGES = ["@utrecht/component-library-css"]


def version(package: str) -> str:
    return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]


def missing_sources() -> list[str]:
    return [source for source in FILES.values() if not (NODE_MODULES / source).is_file()]


def build() -> int:
    missing = missing_sources()
    if missing:
        print("build_static: missing in node_modules/ (run `npm ci` first): " + ", ".join(missing),
              file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for destination, source in FILES.items():
        target = VENDOR / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE_MODULES / source, target)
    manifest = {package: version(package) for package in PACKAGES}
    (VENDOR / "versions.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print("build_static: static/vendor/ ← " + ", ".join(f"{p}@{v}" for p, v in manifest.items()))
    return 0


def check() -> int:
    absent = [name for name in FILES if not (VENDOR / name).is_file()]
    if absent:
        print("build_static: static/vendor/ is incomplete: " + ", ".join(absent), file=sys.stderr)
        return 1
    print("build_static: static/vendor/ is complete")
    return 0


if __name__ == "__main__":
    sys.exit(check() if "--check" in sys.argv[1:] else build())
