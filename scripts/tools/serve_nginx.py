"""Serve a built site with deploy/nginx.conf, unprivileged, from a throwaway nginx prefix.

    python -m tools.serve_nginx [--site site] [--port 8080]        # serve until Ctrl-C
    python -m tools.serve_nginx --prepare PREFIX --listen 8080      # lay out PREFIX only (Dockerfile)

The prefix holds nginx.conf (copied from deploy/), listen.conf, the generated csp.conf and
redirects.map (scripts/tools/make_csp.py), site/ (a link to the build, or the build itself), logs/ and
tmp/. tests/test_nginx.py starts nginx exactly this way, and so does the Docker image.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from handbook.site import ROOT
from tools import make_csp

CONFIG = ROOT / "deploy" / "nginx.conf"
INSTALL_HINT = "nginx not found: install it with `sudo apt-get install nginx` (or run .ci/run as root)"


class NginxError(Exception):
    """nginx refused the config or did not start; the message quotes nginx (file:line)."""


def find_nginx() -> str | None:
    """Debian installs nginx in /usr/sbin, which is not on a normal user's PATH."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_prefix(prefix: Path, site: Path, listen: str | None = None, config: Path = CONFIG) -> Path:
    """Lay out an nginx prefix serving ``site``; returns the prefix's nginx.conf.

    ``listen`` (``8080``, ``127.0.0.1:8080``) goes to listen.conf; without it, started_nginx
    writes one for the port it picks.
    """
    for folder in ("logs", "tmp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    shutil.copyfile(config, conf)
    if listen:
        (prefix / "listen.conf").write_text(f"listen {listen};\n", encoding="utf-8")
    link = prefix / "site"
    if not (link.exists() and link.resolve() == site.resolve()):
        if link.is_symlink():
            link.unlink()
        link.symlink_to(site.resolve(), target_is_directory=True)
    make_csp.write_includes(site, prefix)
    return conf


def nginx_command(nginx: str, prefix: Path, *extra: str) -> list[str]:
    directives = "daemon off;"
    if os.geteuid() == 0:
        # As root, workers would drop to `nobody`, who cannot read pytest's 0700 temp folders.
        directives += " user root;"
    return [nginx, "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"),
            "-e", str(prefix / "logs" / "error.log"), "-g", directives, *extra]


def _readable(message: str, prefix: Path, config: Path) -> str:
    """nginx names the copy in the prefix; point the reader at the source file instead."""
    return message.replace(str(prefix / "nginx.conf"), str(config)).strip()


def check_config(nginx: str, prefix: Path, config: Path = CONFIG) -> None:
    result = subprocess.run(nginx_command(nginx, prefix, "-t", "-q"),
                            capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise NginxError(_readable(result.stderr or result.stdout, prefix, config))


def _wait_until_listening(proc: subprocess.Popen, prefix: Path, config: Path) -> None:
    """Readiness, not a timing assertion: wait for the pid file or for nginx to exit.

    nginx writes logs/nginx.pid only after it has bound its sockets, so, unlike probing the
    port, this cannot mistake another process that took the port for our server.
    """
    pid_file = prefix / "logs" / "nginx.pid"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = "".join((prefix / "logs" / name).read_text(encoding="utf-8", errors="replace")
                          for name in ("stderr.log", "error.log") if (prefix / "logs" / name).exists())
            raise NginxError(_readable(log or f"nginx exited with {proc.returncode}", prefix, config))
        with contextlib.suppress(OSError):
            if pid_file.read_text(encoding="ascii").strip() == str(proc.pid):
                return
        time.sleep(0.05)
    raise NginxError(f"nginx did not write {pid_file} within 20 s (is `pid logs/nginx.pid;` set?)")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()  # SIGTERM: fast shutdown of the master and its workers
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def started_nginx(prefix: Path, config: Path = CONFIG, port: int | None = None) -> Iterator[str]:
    """Run nginx from a prepared ``prefix`` on 127.0.0.1; yields the base URL once it accepts
    connections, stops nginx on exit.

    Without ``port``, a free one is picked; another process may grab it before nginx binds
    (parallel test runs), so a taken port is retried with a new one.
    """
    nginx = find_nginx()
    if nginx is None:
        raise NginxError(INSTALL_HINT)
    logs = prefix / "logs"
    for attempt in range(1 if port else 5):
        chosen = port or free_port()
        (prefix / "listen.conf").write_text(f"listen 127.0.0.1:{chosen};\n", encoding="utf-8")
        check_config(nginx, prefix, config)
        (logs / "nginx.pid").unlink(missing_ok=True)
        (logs / "error.log").unlink(missing_ok=True)  # only this attempt's errors
        # Output before the error log is open (bad flags, missing files) goes to this file.
        with (logs / "stderr.log").open("wb") as output:
            proc = subprocess.Popen(nginx_command(nginx, prefix), stdout=output, stderr=output)
        try:
            _wait_until_listening(proc, prefix, config)
            break
        except NginxError as exc:
            _stop(proc)
            if port or "Address already in use" not in str(exc) or attempt == 4:
                raise
    try:
        yield f"http://127.0.0.1:{chosen}/"
    finally:
        _stop(proc)


@contextlib.contextmanager
def running_nginx(site: Path, prefix: Path | None = None, config: Path = CONFIG,
                  port: int | None = None) -> Iterator[str]:
    """Lay out a prefix (a temp folder by default) and serve ``site`` on 127.0.0.1."""
    with contextlib.ExitStack() as stack:
        if prefix is None:
            prefix = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="handbook-nginx-")))
        prepare_prefix(prefix, site, config=config)
        yield stack.enter_context(started_nginx(prefix, config, port))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (default: site/)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--prepare", type=Path, metavar="PREFIX", help="only lay out PREFIX and exit")
    parser.add_argument("--listen", default=None, help="listen.conf value with --prepare (e.g. 8080)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}/index.html not found: run `make build` first", file=sys.stderr)
        return 2
    try:
        if args.prepare:
            prepare_prefix(args.prepare, args.site, args.listen or str(args.port))
            print(f"prefix ready: {args.prepare}")
            return 0
        # SIGTERM (timeout, docker stop, CI) unwinds like Ctrl-C, so nginx is stopped too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        with running_nginx(args.site, port=args.port) as url:
            print(f"serving {args.site} with deploy/nginx.conf at {url} (Ctrl-C to stop)")
            with contextlib.suppress(KeyboardInterrupt):
                signal.pause()
    except (NginxError, make_csp.InlineCodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
