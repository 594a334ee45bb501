"""Load bench: `translit serve` against LibreTranslate's own server, same model, loopback only.

    python bench/bench_serve.py --lt-python /path/to/lt-venv/bin/python            # 60 s per run
    python bench/bench_serve.py --seconds 10 --clients 1,16                         # quicker
    python bench/bench_serve.py --no-lt                                             # translit only

Both servers get the same hand-built copy model (en→uk and en→ru, translit's
test fixture), installed into a temporary argos package directory each. Clients
(threads, one keep-alive connection each) send article-sized English texts
(about 3,000 characters, every request a different text) to POST /translate for
`--seconds` at 1, 4 and 16 concurrent clients, one server at a time. Prints
requests/s and p50/p99 latency per server and client count, and the ratio at
the highest client count.

LibreTranslate runs from a separate virtual environment (outside this repository):

    python3 -m venv /tmp/lt && echo torch==2.13.0 > /tmp/lt/constraints.txt
    /tmp/lt/bin/pip install -c /tmp/lt/constraints.txt torch==2.13.0 libretranslate

It starts with models updates off (two installed packages, no --update-models), only en, uk and ru
loaded, the web UI off, and ARGOS_INTRA_THREADS=1 (argos' default of 0 is many times slower on few
cores; see the translation notes), its other settings at their defaults (waitress, 4 threads).
Everything listens on 127.0.0.1 and every loop is bounded in time.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SENTENCES = [
    "Ukraine's military intelligence chief Kyrolo Budanov said on {day} that a Russian Mi 8 crew had been offered "
    "safe passage, according to the Agenstvo news site.",
    "Speaking in Kiev, Budanov's deputy said the helicopter landed near Poltawa after crossing the front line "
    "south of Zaporozhye.",
    "President Zelensky thanked the pilots; Kremlin spokesman Dmitri Peskov declined to comment on {n} reports.",
    "The defector, Maksim Kuzminov, later told reporters in Kharkov that he had planned the flight for {n} months.",
    "Officials in the region counted {n} drones overnight, and air defence units shot most of them down.",
    "Local authorities said power was restored to {n} homes by the morning, while repair crews kept working.",
    "A spokesman for the General Staff said the situation along the eastern front remained difficult.",
    "Analysts said the operation showed how much planning had gone into it, and how long it had been kept secret.",
]


def article(i: int, size: int = 3000) -> str:
    """An English news text of about `size` characters, different for every `i`."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    paragraphs, length, k = [], 0, 0
    while length < size:
        para = " ".join(SENTENCES[(k + j) % len(SENTENCES)].format(day=days[(i + k) % 5], n=i * 7 + k + j)
                        for j in range(3))
        paragraphs.append(para)
        length += len(para) + 2
        k += 3
    return "\n\n".join(paragraphs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(port: int, path: str, proc: subprocess.Popen, timeout: float = 180.0) -> None:  # type: ignore[type-arg]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode} before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"server on port {port} did not answer {path} within {timeout:.0f} s")


def load(port: int, clients: int, seconds: float, target: str) -> dict[str, float]:
    """Run `clients` threads for `seconds`; requests/s, p50, p99 (ms), errors."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.monotonic()
    end = start + seconds
    counter = iter(range(10**9))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < end:
            with lock:
                i = next(counter)
            body = json.dumps({"q": article(i), "source": "en", "target": target})
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/translate", body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                ok = resp.status == 200 and json.loads(data).get("translatedText")
            except (OSError, http.client.HTTPException, ValueError):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            if ok:
                mine.append(time.perf_counter() - t0)
            else:
                bad += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    latencies.sort()
    pick = lambda q: 1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")  # noqa: E731
    return {"requests": len(latencies), "rps": len(latencies) / wall, "p50": pick(0.50), "p99": pick(0.99),
            "mean": 1000 * statistics.fmean(latencies) if latencies else float("nan"), "errors": errors[0]}


def argos_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
           "ARGOS_PACKAGES_DIR": str(home / "packages"), "ARGOS_DEVICE_TYPE": "cpu", "ARGOS_INTRA_THREADS": "1",
           "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "TRANSLIT_CACHE_DIR": str(home / "translit-cache")}
    env.pop("TRANSLIT_GLOSSARY", None)
    return env


def install(python: str, env: dict[str, str], packages: list[Path]) -> None:
    code = ("import sys; from argostranslate import package\n"
            "for p in sys.argv[1:]: package.install_from_path(p)\n"
            "assert len(package.get_installed_packages()) == len(sys.argv) - 1")
    subprocess.run([python, "-c", code, *map(str, packages)], env=env, check=True, capture_output=True)


def stop(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def bench_server(name: str, cmd: list[str], env: dict[str, str], port: int, ready: str, clients: list[int],
                 seconds: float, target: str, log: Path) -> list[dict[str, float]]:
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)
        try:
            t0 = time.monotonic()
            wait_http(port, ready, proc)
            print(f"{name}: ready in {time.monotonic() - t0:.1f} s", file=sys.stderr)
            load(port, 2, min(5.0, seconds), target)  # warm-up
            rows = []
            for n in clients:
                row = load(port, n, seconds, target)
                row["clients"] = n
                rows.append(row)
                print(f"{name}: {n:>2} clients: {row['rps']:.2f} req/s, p50 {row['p50']:.0f} ms, "
                      f"p99 {row['p99']:.0f} ms, {row['errors']} errors", file=sys.stderr)
            return rows
        finally:
            stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="Length of each run (default 60).")
    parser.add_argument("--clients", default="1,4,16", help="Concurrent clients per run (default 1,4,16).")
    parser.add_argument("--lt-python", help="Python of a venv with libretranslate installed.")
    parser.add_argument("--no-lt", action="store_true", help="Only translit serve.")
    parser.add_argument("--no-glossary", action="store_true", help="Also run translit serve --no-glossary.")
    parser.add_argument("--target", default="uk")
    parser.add_argument("--lt-defaults", action="store_true",
                        help="Also run LibreTranslate with argos' default ARGOS_INTRA_THREADS (0: all cores).")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    if args.seconds > 120 or max(clients) > 64:
        parser.error("keep it bounded: --seconds at most 120, at most 64 clients")
    sys.path.insert(0, str(ROOT))
    from translit.translate.fixture import build_copy_package

    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        packages = [build_copy_package(work / "models", "en", t) for t in ("uk", "ru")]
        print(f"request text: {len(article(0))} characters, {article(0).count('.')} sentences", file=sys.stderr)
        results: dict[str, list[dict[str, float]]] = {}
        env = argos_env(work / "translit")
        install(sys.executable, env, packages)
        configs = [("translit serve", [])] + ([("translit --no-glossary", ["--no-glossary"])] if args.no_glossary
                                              else [])
        for name, extra in configs:
            port = free_port()
            cmd = [sys.executable, "-m", "translit", "serve", "--port", str(port), *extra]
            results[name] = bench_server(name, cmd, env, port, "/healthz", clients, args.seconds, args.target,
                                         work / "translit.log")
        if not args.no_lt:
            lt_python = args.lt_python
            if not lt_python:
                raise SystemExit("--lt-python PATH (a venv with libretranslate) or --no-lt")
            lt_env = argos_env(work / "lt")
            install(lt_python, lt_env, packages)
            lt_bin = str(Path(lt_python).with_name("libretranslate"))
            runs = [("LibreTranslate", lt_env)]
            if args.lt_defaults:
                runs.append(("LibreTranslate (argos default threads)",
                             {k: v for k, v in lt_env.items() if k != "ARGOS_INTRA_THREADS"}))
            for name, env_lt in runs:
                port = free_port()
                cmd = [lt_bin, "--host", "127.0.0.1", "--port", str(port), "--load-only", "en,uk,ru",
                       "--disable-web-ui"]
                results[name] = bench_server(name, cmd, env_lt, port, "/languages", clients, args.seconds,
                                             args.target, work / "lt.log")
        load = os.getloadavg()
        print(f"\n{args.seconds:.0f} s per run, article-sized requests (~{len(article(0))} chars), en→{args.target} "
              f"copy model, {os.cpu_count()} cores shared with the clients; load average at the end "
              f"{load[0]:.1f} (other processes on the machine slow every figure)\n")
        print(f"| server | clients | requests | req/s | p50 ms | p99 ms | errors |")
        print(f"|---|---:|---:|---:|---:|---:|---:|")
        for name, rows in results.items():
            for r in rows:
                print(f"| {name} | {r['clients']:.0f} | {r['requests']:.0f} | {r['rps']:.2f} | {r['p50']:.0f} | "
                      f"{r['p99']:.0f} | {r['errors']:.0f} |")
        if "LibreTranslate" in results:
            top = max(clients)
            ours = next(r for r in results["translit serve"] if r["clients"] == top)
            theirs = next(r for r in results["LibreTranslate"] if r["clients"] == top)
            ratio = ours["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
            print(f"\nat {top} clients: translit serve {ratio:.2f}x LibreTranslate's throughput (target >= 3x), "
                  f"p99 {ours['p99']:.0f} ms vs {theirs['p99']:.0f} ms (target: lower)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
