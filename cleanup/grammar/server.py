"""Fetch, start and stop the LanguageTool server that grammar checks talk to.

Grammar findings come from a real LanguageTool server rather than a home-made
rule set, because its English rules are far better than anything we would write.
The only place this machine can get it from is Maven Central, so the server and
its English module are resolved there with Maven and kept in a local cache; the
server itself downloads nothing at run time and listens on loopback only.

    python -m cleanup.grammar.server fetch|start|stop|status [--port N] [--cache-dir D]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

# Newest release on Maven Central; its classes are version 61, so Java 17 runs it.
VERSION = "6.8"
DEFAULT_PORT = 8010
# Enough for English without n-gram data; the JVM default (1/4 of RAM) is wasteful.
JAVA_OPTS = ("-Xms256m", "-Xmx1g")
_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>cleanup.local</groupId>
  <artifactId>languagetool-runtime</artifactId>
  <version>{v}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>{v}</version>
    </dependency>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-en</artifactId>
      <version>{v}</version>
    </dependency>
  </dependencies>
</project>
"""


class ServerError(RuntimeError):
    """Raised with a message fit to show a person as is."""


def default_cache_dir() -> Path:
    env = os.environ.get("CLEANUP_LANGUAGETOOL_HOME")
    return Path(env) if env else Path.home() / ".cache" / "cleanup" / "languagetool"


def _paths(cache_dir: Path | str | None, port: int | None = None):
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    if port is None:
        return cache, None, None
    return cache, cache / f"server-{port}.log", cache / f"server-{port}.pid"


def fetch(cache_dir: Path | str | None = None) -> Path:
    """Put every jar the server needs into <cache>/lib and return that folder.

    A marker per version makes repeat calls free; the lib folder is emptied
    first so jars of another version never share the classpath.
    """
    cache, _, _ = _paths(cache_dir)
    lib = cache / "lib"
    marker = cache / f".fetched-{VERSION}"
    if marker.exists() and any(lib.glob("*.jar")):
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("mvn not found on PATH; Maven is needed to fetch LanguageTool")
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(".fetched-*"):
        old.unlink()
    shutil.rmtree(lib, ignore_errors=True)
    (cache / "pom.xml").write_text(_POM.format(v=VERSION))
    # A private local repository keeps the cache self-contained; it is dropped
    # afterwards so the jars are not stored twice.
    repo = cache / "m2"
    cmd = [mvn, "-q", "-B", "-f", str(cache / "pom.xml"),
           f"-Dmaven.repo.local={repo}",
           f"{_DEPENDENCY_PLUGIN}:copy-dependencies",
           f"-DoutputDirectory={lib}", "-DincludeScope=runtime"]
    log = cache / "fetch.log"
    import subprocess   # here and in start/stop: every `cleanup` command line is built with this module loaded
    with open(log, "w") as out:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        text = re.sub(r"\x1b\[[0-9;]*m", "", log.read_text(errors="replace"))
        errors = [ln[7:].strip() for ln in text.splitlines() if ln.startswith("[ERROR]")]
        reason = next((e for e in errors if e), "see the log")
        raise ServerError(f"mvn failed ({done.returncode}) fetching LanguageTool {VERSION} "
                          f"(log {log}): {reason}")
    shutil.rmtree(repo, ignore_errors=True)
    marker.write_text(VERSION + "\n")
    return lib


def _answers(port: int, timeout: float = 2.0) -> bool:
    import urllib.request   # here, so that building the command line does not load the HTTP stack
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/languages",
                                    timeout=timeout) as resp:
            return resp.status == 200
    except (OSError, ValueError):
        return False


def _our_pid(pid_file: Path) -> int | None:
    """The recorded pid, only if that process is still a LanguageTool server.

    Checking the command line guards against killing an unrelated process that
    inherited a stale pid.
    """
    try:
        pid = int(pid_file.read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    return pid if b"org.languagetool.server.HTTPServer" in cmdline else None


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        raise ServerError("java not found (need Java 17+ on PATH or JAVA_HOME)")
    return java


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start(port: int = DEFAULT_PORT, cache_dir: Path | str | None = None,
          host: str = "127.0.0.1", wait: float = 120) -> int:
    """Start a detached server and return its pid once it answers.

    The server binds to loopback because it is started without --public; host
    is only accepted as 127.0.0.1/localhost so no caller exposes it by mistake.
    """
    if host not in ("127.0.0.1", "localhost"):
        raise ServerError(f"refusing host {host!r}: the server listens on loopback only")
    cache, log, pid_file = _paths(cache_dir, port)
    running = _our_pid(pid_file)
    if _answers(port):
        if running:
            return running
        raise ServerError(f"port {port} already answers but not with a server started here")
    lib = fetch(cache)
    cmd = [_java(), *JAVA_OPTS, "-cp", f"{lib}/*", "org.languagetool.server.HTTPServer",
           "--port", str(port), "--allow-origin", "*"]
    import subprocess
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, cwd=cache,
                                start_new_session=True)
    pid_file.write_text(f"{proc.pid}\n")
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pid_file.unlink(missing_ok=True)
            raise ServerError(f"LanguageTool exited with {proc.returncode} during start "
                              f"(log {log}):\n{_tail(log)}")
        if _answers(port):
            proc.returncode = 0  # detached on purpose: silence Popen's "still running" warning
            return proc.pid
        time.sleep(0.5)
    proc.kill()
    proc.wait()
    pid_file.unlink(missing_ok=True)
    raise ServerError(f"LanguageTool did not answer on port {port} within {wait:g}s "
                      f"(log {log}):\n{_tail(log)}")


def stop(port: int = DEFAULT_PORT, cache_dir: Path | str | None = None,
         wait: float = 15) -> bool:
    """Stop the server started here on port; False if none was running."""
    _, _, pid_file = _paths(cache_dir, port)
    pid = _our_pid(pid_file)
    pid_file.unlink(missing_ok=True)
    if pid is None:
        return False
    import signal
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    return True


def _gone(pid: int) -> bool:
    try:
        # Reap it if it is our child (start() and stop() in one process).
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return True
    except ChildProcessError:
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def status(port: int = DEFAULT_PORT, cache_dir: Path | str | None = None) -> bool:
    """Whether a server answers on port; cache_dir is accepted for symmetry."""
    return _answers(port)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of this script, shared with `cleanup languagetool`."""
    parser.add_argument("action", choices=["fetch", "start", "stop", "status"])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--wait", type=float, default=120, help="seconds start waits")


def dispatch(args: argparse.Namespace) -> int:
    try:
        if args.action == "fetch":
            print(f"LanguageTool {VERSION} jars in {fetch(args.cache_dir)}")
        elif args.action == "start":
            pid = start(args.port, args.cache_dir, wait=args.wait)
            print(f"LanguageTool {VERSION} answering on http://127.0.0.1:{args.port} (pid {pid})")
        elif args.action == "stop":
            stopped = stop(args.port, args.cache_dir)
            print(f"stopped LanguageTool on port {args.port}" if stopped
                  else f"no LanguageTool started here on port {args.port}")
        elif not status(args.port, args.cache_dir):
            print(f"LanguageTool not answering on port {args.port}", file=sys.stderr)
            return 2
        else:
            print(f"LanguageTool answering on http://127.0.0.1:{args.port}")
    except ServerError as exc:
        # One line for people and CI logs; the exception keeps any log tail.
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleanup.grammar.server",
                                     description=f"LanguageTool {VERSION} server for cleanup")
    add_arguments(parser)
    return dispatch(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
