"""`make lock`: the hashed pins, from pyproject.toml, with pip-tools' pip-compile (README "Dependencies").

Writes three files, each pin with the sha256 of every file the index serves for it, so that
`pip install --require-hashes` fails when a registry serves different bytes:

* requirements.txt            the build (`make serve`/`make build`): [project.dependencies], closed;
* requirements-dev.txt        the tests and the validator: [project.optional-dependencies].test,
                              only what requirements.txt does not already pin (installed on top of it);
* requirements-properdocs.txt the build on ProperDocs instead of MkDocs: requirements.txt's pins with
                              ENGINE_PINS added or changed (`make … ENGINE=properdocs`).

Existing pins are kept (pip-compile reads its output file first); `--upgrade-package NAME`
(`make lock UPGRADE=NAME`) re-resolves one package, `--upgrade` everything. Run by the Makefile
in a throwaway venv that has pip-tools (pinned there).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME, DEV, PROPERDOCS = "requirements.txt", "requirements-dev.txt", "requirements-properdocs.txt"
# The ProperDocs build: these pins replace or join pyproject's (mkdocs-redirects 1.2.3 is the first
# release that depends on properdocs; 1.2.2 runs on either engine).
ENGINE_PINS = {"properdocs": "1.6.7", "mkdocs-redirects": "1.2.3"}
# A pin line and the indented lines under it (hashes, "# via").
BLOCK = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==.*(?:\n [^\n]*)*\n?", re.M)
HEADERS = {
    RUNTIME: "# Everything `make serve` / `make build` needs, pinned with hashes (direct and transitive).\n"
             "# Direct dependencies: pyproject.toml [project.dependencies]. Regenerate with `make lock`.\n",
    DEV: "# Test and validator dependencies, pinned with hashes; installed on top of requirements.txt.\n"
         "# Direct dependencies: pyproject.toml [project.optional-dependencies].test. Regenerate with `make lock`.\n",
    PROPERDOCS: "# The build on ProperDocs (a maintained fork of MkDocs 1.6): requirements.txt with the engine pins\n"
                "# of scripts/lock.py (ENGINE_PINS). Used by `make … ENGINE=properdocs`. Regenerate with `make lock`.\n",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def blocks(text: str) -> dict[str, str]:
    """A pip-compile output file as {canonical name: its block (pin, hash and via lines)}."""
    return {canonical(match[1]): match[0] for match in BLOCK.finditer(text)}


def compile_to(output: Path, sources: list[str], extra: list[str], cwd: Path = ROOT) -> None:
    cmd = [sys.executable, "-m", "piptools", "compile", "--quiet", "--generate-hashes", "--strip-extras",
           "--allow-unsafe", "--no-emit-index-url", "--no-emit-find-links", "--no-header",
           "--output-file", str(output), *extra, *sources]
    subprocess.run(cmd, cwd=cwd, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade-package", "-P", action="append", default=[], metavar="NAME")
    parser.add_argument("--upgrade", action="store_true")
    parser.add_argument("--engine-only", action="store_true",
                        help=f"print the pins of {PROPERDOCS} that {RUNTIME} does not have, and stop")
    args = parser.parse_args(argv)
    if args.engine_only:
        runtime = blocks((ROOT / RUNTIME).read_text(encoding="utf-8"))
        pins = blocks((ROOT / PROPERDOCS).read_text(encoding="utf-8"))
        print("".join(b for n, b in pins.items() if runtime.get(n, "").split("\n")[0] != b.split("\n")[0]), end="")
        return 0
    extra = ["--upgrade"] if args.upgrade else [a for n in args.upgrade_package for a in ("--upgrade-package", n)]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # 1. runtime, from pyproject.toml, keeping the current pins
        runtime = work / RUNTIME
        if (ROOT / RUNTIME).exists():
            shutil.copy(ROOT / RUNTIME, runtime)
        compile_to(runtime, ["pyproject.toml"], extra)
        runtime_blocks = blocks(runtime.read_text(encoding="utf-8"))
        # 2. tests: the extra, constrained to the runtime pins; keep only what runtime does not pin
        dev = work / DEV
        old = blocks((ROOT / DEV).read_text(encoding="utf-8")) if (ROOT / DEV).exists() else {}
        seed = {**old, **runtime_blocks}
        dev.write_text("".join(seed.values()), encoding="utf-8")
        compile_to(dev, ["pyproject.toml"], [*extra, "--extra", "test", "--constraint", str(runtime)])
        dev_blocks = {n: b for n, b in blocks(dev.read_text(encoding="utf-8")).items()
                      if n not in runtime_blocks and n != canonical(project["name"])}
        # 3. ProperDocs: the runtime dependencies with the engine pins, seeded with the runtime pins
        source = work / "properdocs.in"  # named in the lock's "via" lines: compiled from its folder
        deps = [d for d in project["dependencies"] if canonical(re.split(r"[=<>!~ ;\[]", d)[0]) not in ENGINE_PINS]
        source.write_text("".join(f"{d}\n" for d in deps + [f"{n}=={v}" for n, v in ENGINE_PINS.items()]),
                          encoding="utf-8")
        pd = work / PROPERDOCS
        pd.write_text("".join(b for n, b in runtime_blocks.items() if n not in ENGINE_PINS), encoding="utf-8")
        compile_to(pd, [source.name], extra, cwd=work)
        pd_blocks = blocks(pd.read_text(encoding="utf-8"))
    for name, body in ((RUNTIME, runtime_blocks), (DEV, dev_blocks), (PROPERDOCS, pd_blocks)):
        (ROOT / name).write_text(HEADERS[name] + "".join(body[n] for n in sorted(body)), encoding="utf-8")
        print(f"{name}: {len(body)} pins")
    return 0


if __name__ == "__main__":
    sys.exit(main())
