"""Load bench: `translit serve` against LibreTranslate's own server, same model, loopback only.

    python bench/bench_serve.py --lt-python /path/to/lt-venv/bin/python            # 60 s per run
    python bench/bench_serve.py --seconds 10 --clients 1,16                         # quicker
    python bench/bench_serve.py --no-lt                                             # translit only

Both servers get the same hand-built exact-copy model of realistic size (en→uk,
6+6 layers, d_model 512, 8 heads, a 32,000-piece vocabulary, int8: the model of
bench_translate.py, built once and cached under $TMPDIR/translit-bench), installed
into a temporary argos package directory each; `--model small` uses the tiny
test fixture instead (1+1 layers, d_model 128), where a sentence costs the same
at any batch size and batching cannot pay. Clients
(threads, one keep-alive connection each) send article-sized English texts
(about 3,000 characters, 27 sentences, every request a different text) to POST
/translate for `--seconds` at 1, 4 and 16 concurrent clients, one server at a
time; the servers take turns at each client count so that they share the
machine's conditions. Every run gets a fresh server (started, warmed up with
three short requests, measured, stopped), and the window is hard: a request
still waiting when it closes is cut off, its time so far a lower bound in the
percentiles (shown with ≥), and the server is stopped so that no abandoned work
slows the next run. Prints requests answered per second, p50/p99 latency, the
cores the server kept busy (its CPU time over the window), and for translit the
sentences per model call (from /healthz), and the ratio at the highest client count.

LibreTranslate runs from a separate virtual environment (outside this repository):

    python3 -m venv /tmp/lt && echo torch==2.13.0 > /tmp/lt/constraints.txt
    /tmp/lt/bin/pip install -c /tmp/lt/constraints.txt torch==2.13.0 libretranslate==1.9.6

It starts with model updates off (the installed package only, no --update-models), only en and uk
loaded, the web UI off, and ARGOS_INTRA_THREADS=1 (argos' default of 0 is many times slower on few
cores; see the translation notes), its other settings at their defaults (waitress, 4 threads);
`--lt-defaults` also runs it with argos' default threads. translit serve runs with its defaults
(the bundled glossary, names enforced) and --timeout 600 (LibreTranslate has no time limit):
one CTranslate2 translator with inter_threads and intra_threads from the cores (2 and 1 on 2
cores), fed by one batcher. Everything listens on 127.0.0.1 and every loop is bounded in time.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

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


def load(port: int, clients: int, seconds: float, target: str, texts: Any = None) -> dict[str, Any]:
    """Run `clients` threads for `seconds`: requests answered in the window per second, p50/p99 (ms), errors.

    The window is hard: a request still waiting when it closes is cut off (the server
    is stopped after each run, so no abandoned work slows the next one) and its time so
    far counts as a lower bound in the percentiles ("≥" when such a bound decides one).
    """
    texts = texts or article
    done: list[float] = []
    cut: list[float] = []
    errors = [0]
    first_error: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    end = start + seconds
    counter = iter(range(10**9))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=seconds)
        while time.monotonic() < end:
            with lock:
                i = next(counter)
            body = json.dumps({"q": texts(i), "source": "en", "target": target})
            t0 = time.monotonic()
            why = ""
            try:
                conn.timeout = max(0.05, end - t0)
                if conn.sock is not None:
                    conn.sock.settimeout(conn.timeout)
                conn.request("POST", "/translate", body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                ok = resp.status == 200 and bool(json.loads(data).get("translatedText"))
                if not ok:
                    why = f"HTTP {resp.status}: {data[:200]!r}"
            except TimeoutError:
                with lock:
                    cut.append(time.monotonic() - t0)
                break
            except (OSError, http.client.HTTPException, ValueError) as exc:
                ok = False
                why = f"{type(exc).__name__}: {exc}"
                conn.close()
            elapsed = time.monotonic() - t0
            with lock:
                if ok and time.monotonic() <= end:
                    done.append(elapsed)
                elif ok:
                    cut.append(elapsed)
                else:
                    errors[0] += 1
                    if not first_error:
                        first_error.append(why)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    both = sorted([(t, False) for t in done] + [(t, True) for t in cut])
    least_cut = min(cut, default=float("inf"))

    def pick(q: float) -> str:
        if not both:
            return "–"
        value = both[min(len(both) - 1, int(q * len(both)))][0]
        return f"{'≥' if least_cut <= value else ''}{1000 * value:.0f}"

    return {"requests": len(done), "cut": len(cut), "rps": len(done) / seconds, "p50": pick(0.50),
            "p99": pick(0.99), "errors": errors[0], "first_error": first_error[0] if first_error else ""}


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


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its threads (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def stop(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def batch_stats(port: int) -> tuple[int, int] | None:
    """(model calls, sentences) so far, from translit's /healthz; None for other servers."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/healthz")
        resp = conn.getresponse()
        data = json.loads(resp.read()) if resp.status == 200 else {}
        conn.close()
    except (OSError, http.client.HTTPException, ValueError):
        return None
    if "batches" not in data:
        return None
    return int(data["batches"]), int(data["sentences"])


def warm_up(port: int, target: str) -> None:
    """A few short requests: first-use costs (caches, lazy imports) out of the measured window."""
    for k in range(3):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("POST", "/translate", body=json.dumps({"q": f"Budanov spoke in Kiev on day {k}.",
                                                            "source": "en", "target": target}),
                     headers={"Content-Type": "application/json"})
        conn.getresponse().read()
        conn.close()


def bench_server(name: str, cmd: list[str], env: dict[str, str], ready: str, clients: list[int],
                 seconds: float, target: str, log: Path) -> list[dict[str, Any]]:
    """One fresh server per client count (started, warmed up, measured, stopped)."""
    rows = []
    for n in clients:
        port = free_port()
        argv = [str(port) if a == "{port}" else a for a in cmd]
        with open(log, "a") as out:
            proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)
            try:
                t0 = time.monotonic()
                wait_http(port, ready, proc)
                warm_up(port, target)
                print(f"{name}: ready and warm in {time.monotonic() - t0:.1f} s", file=sys.stderr)
                before = batch_stats(port)
                cpu0 = cpu_seconds(proc.pid)
                row = load(port, n, seconds, target)
                row["clients"] = n
                row["cores"] = (cpu_seconds(proc.pid) - cpu0) / seconds
                row["load"] = os.getloadavg()[0]
                after = batch_stats(port)
                if before is not None and after is not None and after[0] > before[0]:
                    row["batch"] = (after[1] - before[1]) / (after[0] - before[0])
            finally:
                stop(proc)
        rows.append(row)
        extra = f", {row['batch']:.0f} sentences per model call" if "batch" in row else ""
        print(f"{name}: {n:>2} clients: {row['requests']} answered in {seconds:.0f} s ({row['rps']:.3f} req/s), "
              f"{row['cut']} cut off, p50 {row['p50']} ms, p99 {row['p99']} ms, {row['errors']} errors, "
              f"server busy {row['cores']:.2f} cores{extra}, load {row['load']:.1f}", file=sys.stderr)
        if row["first_error"]:
            print(f"{name}: first error: {row['first_error']}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="Length of each run (default 60).")
    parser.add_argument("--clients", default="1,4,16", help="Concurrent clients per run (default 1,4,16).")
    parser.add_argument("--lt-python", help="Python of a venv with libretranslate installed.")
    parser.add_argument("--no-lt", action="store_true", help="Only translit serve.")
    parser.add_argument("--no-translit", action="store_true", help="Only LibreTranslate.")
    parser.add_argument("--no-glossary", action="store_true", help="Also run translit serve --no-glossary.")
    parser.add_argument("--model", choices=("big", "small"), default="big",
                        help="big: realistic-size copy model (default); small: the tiny test fixture.")
    parser.add_argument("--lt-defaults", action="store_true",
                        help="Also run LibreTranslate with argos' default ARGOS_INTRA_THREADS (0: all cores).")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    if args.seconds > 120 or max(clients) > 64:
        parser.error("keep it bounded: --seconds at most 120, at most 64 clients")
    sys.path.insert(0, str(ROOT))
    from translit.translate.fixture import build_copy_package

    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    start_load = os.getloadavg()
    try:
        if args.model == "big":
            sys.path.insert(0, str(ROOT / "bench"))
            from bench_translate import build_model

            packages = [build_model()]
        else:
            packages = [build_copy_package(work / "models", "en", "uk")]
        print(f"request text: {len(article(0))} characters, {article(0).count('.')} sentences", file=sys.stderr)
        servers: list[tuple[str, list[str], dict[str, str], str, Path]] = []
        if not args.no_translit:
            env = argos_env(work / "translit")
            install(sys.executable, env, packages)
            cmd = [sys.executable, "-m", "translit", "serve", "--port", "{port}", "--timeout", "600"]
            servers.append(("translit serve", cmd, env, "/healthz", work / "translit.log"))
            if args.no_glossary:
                servers.append(("translit --no-glossary", cmd + ["--no-glossary"], env, "/healthz",
                                work / "translit.log"))
        if not args.no_lt:
            if not args.lt_python:
                raise SystemExit("--lt-python PATH (a venv with libretranslate) or --no-lt")
            lt_env = argos_env(work / "lt")
            install(args.lt_python, lt_env, packages)
            lt_cmd = [str(Path(args.lt_python).with_name("libretranslate")), "--host", "127.0.0.1", "--port", "{port}",
                      "--load-only", "en,uk", "--disable-web-ui"]
            servers.append(("LibreTranslate", lt_cmd, lt_env, "/languages", work / "lt.log"))
            if args.lt_defaults:
                servers.append(("LibreTranslate, argos default threads", lt_cmd,
                                {k: v for k, v in lt_env.items() if k != "ARGOS_INTRA_THREADS"}, "/languages",
                                work / "lt.log"))
        results: dict[str, list[dict[str, Any]]] = {name: [] for name, *_ in servers}
        for n in clients:                      # servers take turns, so they share the machine's conditions
            for name, cmd, env, ready, log in servers:
                results[name] += bench_server(name, cmd, env, ready, [n], args.seconds, "uk", log)
        load = os.getloadavg()
        print(f"\n{args.seconds:.0f} s per run, article-sized requests ({len(article(0))} chars, "
              f"{article(0).count('.')} sentences, each request a different text), en→uk {args.model} copy model, "
              f"beam 4 on both; {os.cpu_count()} cores shared with the clients and the rest of the machine; "
              f"load average (1 min) {start_load[0]:.1f} at the start, {load[0]:.1f} at the end\n")
        print("| server | clients | answered | req/s | p50 ms | p99 ms | cut off | errors | server busy (cores) "
              "| sentences per model call | load avg |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, rows in results.items():
            for r in rows:
                batch = f"{r['batch']:.0f}" if "batch" in r else "–"
                print(f"| {name} | {r['clients']} | {r['requests']} | {r['rps']:.3f} | {r['p50']} | {r['p99']} | "
                      f"{r['cut']} | {r['errors']} | {r['cores']:.2f} | {batch} | {r['load']:.1f} |")
        if "LibreTranslate" in results and "translit serve" in results:
            top = max(clients)
            ours = next(r for r in results["translit serve"] if r["clients"] == top)
            theirs = next(r for r in results["LibreTranslate"] if r["clients"] == top)
            ratio = (f"{ours['rps'] / theirs['rps']:.2f}x LibreTranslate's throughput" if theirs["rps"] else
                     f"{ours['requests']} answers to LibreTranslate's none")
            print(f"\nat {top} clients: translit serve {ratio} (target >= 3x), "
                  f"p99 {ours['p99']} ms vs {theirs['p99']} ms (target: lower)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
